package dev.crashtest.env.containers;

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
    DockerProvisioning.requireOrSkip(testName).ifPresent(Assumptions::abort);
  }

}
