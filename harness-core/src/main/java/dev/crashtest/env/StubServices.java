package dev.crashtest.env;

import dev.crashtest.fakes.ServiceEventListener;
import dev.crashtest.fakes.identity.IdentityProvider;
import dev.crashtest.fakes.stub.Effect;
import dev.crashtest.fakes.stub.StubServer;
import dev.crashtest.workload.Tool;
import dev.crashtest.workload.Workload;
import dev.crashtest.workload.WorkloadService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A workload's stubbed services, served by one stub server: each service's WireMock mappings (copied into the work
 * directory, so a workload shipped inside a jar serves as one on disk does), each tool an operation with its scope and
 * effect, tokens checked against the environment's identity provider.
 */
final class StubServices {
  private StubServices() {}

  static StubServer start(Workload workload, IdentityProvider identity, ServiceEventListener events,
      Path workDirectory) {
    StubServer.Builder builder = StubServer.builder()
        .withIssuer(identity.issuer())
        .withJwksUri(identity.jwksUri())
        // straight to the provider, past its proxy: a network fault on the agents' hop must not reach it
        .withIntrospectionUri(identity.baseUrl().resolve(identity.introspectionUri().getPath()))
        .withDataDirectory(workDirectory.resolve("services-data"))
        .withEventListener(events);
    for (WorkloadService service : workload.services().values()) {
      builder.withService(service.name(), copy(service.stubs().orElseThrow(),
          workDirectory.resolve("stubs").resolve(service.name())));
    }
    for (Tool tool : workload.tools()) {
      if (tool.gate()) {
        continue;
      }
      if (tool.effect().isPresent()) {
        builder.withOperation(tool.service(), tool.name(), tool.method(), tool.path(), tool.scope(),
            effect(tool.effect().get()));
      } else {
        builder.withOperation(tool.service(), tool.name(), tool.method(), tool.path(), tool.scope());
      }
    }
    return builder.start();
  }

  private static Effect effect(dev.crashtest.workload.Effect declared) {
    Effect effect = Effect.declared(declared.type(), declared.idField(), declared.keyField());
    if (declared.alwaysNeedsApproval()) {
      return effect.withApproval();
    }
    return declared.approvalField().map(field -> effect.withApprovalAbove(field,
        BigDecimal.valueOf(declared.approvalAbove()))).orElse(effect);
  }

  /** The stub files of one service, copied where the stub server reads them. */
  private static Path copy(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException("could not copy the stubs of [" + from + "]: " + e.getMessage(), e);
    }
  }
}
