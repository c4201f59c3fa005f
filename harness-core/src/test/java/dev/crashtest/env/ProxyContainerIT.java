package dev.crashtest.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.env.containers.LocalImages;
import dev.crashtest.env.containers.RequireDocker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The fault proxy as a container: with no Toxiproxy image on the engine, Crashtest's own image is built and the
 * same toxiproxy-java client drives it. Needs Docker; skipped loudly only when {@code CRASHTEST_CONTAINERS=optional}.
 */
class ProxyContainerIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void docker_is_reachable_or_explicitly_optional() {
    RequireDocker.orSkipWhenOptional("ProxyContainerIT");
  }

  @Test
  void an_outage_on_the_containerised_proxy_cuts_the_crm_hop_and_healing_restores_it() throws Exception {
    try (Environment env = Environment.embedded().withFaultProxyInContainer("crashtest-test/no-such-toxiproxy:0")
        .start()) {
      URI audit = env.crmBaseUrl().resolve("/audit");
      assertThat(status(audit)).as("through the proxy container").isEqualTo(200);
      assertThat(proxyContainers()).as("the proxy runs as a container of ours").isEqualTo(1);

      env.proxy(Service.CRM).disable();
      assertThatThrownBy(() -> status(audit)).as("during the outage").isInstanceOf(IOException.class);

      env.proxy(Service.CRM).enable();
      assertThat(status(audit)).as("healed").isEqualTo(200);
    }
    assertThat(proxyContainers()).as("after close").isZero();
  }

  private static long proxyContainers() {
    return DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of("dev.crashtest.owner-pid", String.valueOf(ProcessHandle.current().pid()))).exec()
        .stream().filter(container -> container.getImage().startsWith(ServiceImages.REPOSITORY)).count();
  }

  private static int status(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
