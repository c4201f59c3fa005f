package dev.crashtest.agents.restate;

import dev.crashtest.agents.TaskRuntime;
import dev.crashtest.agents.TaskRuntimeProvider;
import dev.crashtest.agents.TaskWorkflow;
import dev.crashtest.agents.restate.internal.EndpointServer;
import dev.crashtest.agents.restate.internal.PlatformAddresses;
import dev.crashtest.agents.restate.internal.RestateClient;
import dev.crashtest.agents.restate.internal.RestateTaskRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code --runtime restate}: the procurement agent as a Restate workflow. At start the agent serves its Restate
 * endpoint on 127.0.0.1 (a port kept in the state directory), registers it through the admin API
 * ({@code CRASHTEST_PLATFORM_ADMIN_ADDRESS}) and then starts and queries workflows through the ingress
 * ({@code CRASHTEST_PLATFORM_ADDRESS}).
 *
 * <pre>{@code
 * CRASHTEST_PLATFORM_ADDRESS=127.0.0.1:8080 CRASHTEST_PLATFORM_ADMIN_ADDRESS=127.0.0.1:9070 \
 *   java -cp <class path> dev.crashtest.agents.ProcurementAgentMain --runtime restate
 * }</pre>
 */
public final class RestateRuntimeProvider implements TaskRuntimeProvider {
  /** How long the agent keeps trying to register while the platform is (re)starting. */
  static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(30);

  @Override
  public String name() {
    return "restate";
  }

  @Override
  public TaskRuntime create(TaskWorkflow workflow, Path stateDir, Map<String, String> environment) {
    PlatformAddresses platform = PlatformAddresses.fromEnvironment(environment);
    RestateClient restate = new RestateClient(platform);
    EndpointServer endpoint;
    try {
      endpoint = EndpointServer.start(workflow, stateDir);
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    try {
      register(restate, endpoint);
    } catch (RuntimeException e) {
      endpoint.close();
      throw e;
    }
    System.out.println("restate endpoint " + endpoint.uri() + " registered at " + platform.admin());
    return new RestateTaskRuntime(restate, endpoint);
  }

  private static void register(RestateClient restate, EndpointServer endpoint) {
    long deadline = System.nanoTime() + REGISTRATION_TIMEOUT.toNanos();
    while (true) {
      try {
        restate.register(endpoint.uri());
        return;
      } catch (UncheckedIOException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalArgumentException("cannot register the Restate endpoint " + endpoint.uri() + " within "
              + REGISTRATION_TIMEOUT.toSeconds() + " s: " + e.getMessage(), e);
        }
        sleepBriefly();
      }
    }
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(200); // the platform is not up yet; nothing to wait on but time
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while registering the Restate endpoint", e);
    }
  }
}
