package dev.crashtest.env.containers;

import dev.crashtest.env.EnvironmentException;
import org.junit.jupiter.api.Assumptions;

/**
 * The rule of crashtest-junit5's {@code DockerTests} for harness-core's own container tests, which cannot depend on
 * that module (it depends on harness-core): Docker is provisioned on first use where it can be; without it they fail, unless {@code CRASHTEST_CONTAINERS=optional}
 * says to skip them, loudly.
 *
 * <pre>{@code
 * @BeforeAll
 * static void docker() { RequireDocker.orSkipWhenOptional("LocalImagesIT"); }
 * }</pre>
 */
public final class RequireDocker {
  private RequireDocker() {}

  public static void orSkipWhenOptional(String testName) {
    if (!"optional".equals(System.getenv("CRASHTEST_CONTAINERS"))) {
      DockerProvisioning.provisionOnFirstUse(testName);
    }
    try {
      LocalImages.requireDocker();
    } catch (EnvironmentException e) {
      if (!"optional".equals(System.getenv("CRASHTEST_CONTAINERS"))) {
        throw e;
      }
      String message = "SKIPPING " + testName + " because CRASHTEST_CONTAINERS=optional: " + e.getMessage();
      System.err.println("!!! " + message);
      Assumptions.abort(message);
    }
  }
}
