package dev.crashtest.junit;

import dev.crashtest.env.EnvironmentException;
import dev.crashtest.env.containers.LocalImages;
import org.junit.jupiter.api.Assumptions;

/**
 * For tests that need Docker (the container backend): they fail without it — in CI a missing engine is a broken
 * runner, never a pass — unless the environment says {@code CRASHTEST_CONTAINERS=optional} (a developer's machine
 * without Docker), when they are skipped with a loud line on standard error.
 *
 * <pre>{@code
 * @BeforeAll
 * static void docker() {
 *   DockerTests.requireDocker("MyContainerIT");
 * }
 * }</pre>
 */
public final class DockerTests {
  /** The environment variable that lets container tests skip when Docker is missing. */
  public static final String OPTIONAL_ENV = "CRASHTEST_CONTAINERS";

  private DockerTests() {}

  /**
   * Returns when Docker can be used; otherwise throws the one-line reason, or aborts the test (skipped) when
   * {@value #OPTIONAL_ENV}{@code =optional}.
   */
  public static void requireDocker(String testName) {
    try {
      LocalImages.requireDocker();
    } catch (EnvironmentException e) {
      if (!"optional".equals(System.getenv(OPTIONAL_ENV))) {
        throw e;
      }
      String message = "SKIPPING " + testName + " because " + OPTIONAL_ENV + "=optional: " + e.getMessage();
      System.err.println("!!! " + message);
      Assumptions.abort(message);
    }
  }
}
