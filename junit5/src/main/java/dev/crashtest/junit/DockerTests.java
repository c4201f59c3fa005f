package dev.crashtest.junit;

import dev.crashtest.env.containers.DockerProvisioning;
import org.junit.jupiter.api.Assumptions;

/**
 * For tests that need Docker (the container backend). On first use it provisions what they need, as
 * {@code ./crashtest} builds itself: when Docker or the base image is missing and this JVM runs as root with
 * apt-get, it runs {@code ci/docker.sh} and {@code ci/build-base-image.sh} (about a minute, progress on standard
 * output), so {@code mvn -B verify} passes on a fresh machine. Where it cannot, the tests fail with the command to
 * run — in CI a missing engine is a broken runner, never a pass — unless the environment says
 * {@code CRASHTEST_CONTAINERS=optional} (a developer's machine without Docker): then nothing is installed and they
 * are skipped with a loud line on standard error.
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
  public static final String OPTIONAL_ENV = DockerProvisioning.OPTIONAL_ENV;

  private DockerTests() {}

  /**
   * Returns when Docker can be used, provisioning it first when it can; otherwise throws the one-line reason, or
   * aborts the test (skipped) when {@value #OPTIONAL_ENV}{@code =optional}.
   */
  public static void requireDocker(String testName) {
    DockerProvisioning.requireOrSkip(testName).ifPresent(Assumptions::abort);
  }
}
