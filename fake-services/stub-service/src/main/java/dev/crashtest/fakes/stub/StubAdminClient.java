package dev.crashtest.fakes.stub;

import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.admin.AdminClient;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link StubAdmin} of a stub service in another process, over its operator API ({@code
 * /__crashtest/workloads}, {@code /__crashtest/faults}); a refused call throws {@link
 * dev.crashtest.fakes.admin.AdminException}.
 *
 * <pre>{@code
 * StubAdmin stubs = StubAdminClient.at(URI.create("http://127.0.0.1:41005"));
 * stubs.inject(StubFault.commitThenDropResponse().on("create_refund").forRequests(1));
 * }</pre>
 */
public final class StubAdminClient implements StubAdmin {
  private final AdminClient admin;
  private final Map<String, URI> workloads = new ConcurrentHashMap<>();

  private StubAdminClient(AdminClient admin) {
    this.admin = admin;
  }

  /** The admin of the stub service whose own socket is {@code base}, e.g. {@code http://127.0.0.1:41005}. */
  public static StubAdminClient at(URI base) {
    return new StubAdminClient(AdminClient.to("the stub service", base));
  }

  @Override
  public URI workloadUrl(String agent) {
    return workloads.computeIfAbsent(agent, name -> URI.create(
        admin.post("/__crashtest/workloads", Map.of("agent", name)).path("url").asText()));
  }

  @Override
  public InjectedFault inject(StubFault fault) {
    return admin.injectFault(fault.toWire());
  }
}
