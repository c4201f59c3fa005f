package dev.crashtest.env.containers;

import dev.crashtest.env.EnvironmentException;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Provisions what the container backend's tests need on a fresh machine, as {@code ./crashtest} builds itself: when
 * no Docker engine answers or the base image is missing, and this JVM runs as root with apt-get inside a checkout of
 * the repository, it runs {@code ci/docker.sh} and {@code ci/build-base-image.sh} once (about a minute, progress on
 * standard output; the base image comes from the Debian mirror this machine's apt uses, no registry). Elsewhere it
 * does nothing, and {@link LocalImages#requireDocker()} then says what to run.
 *
 * <pre>{@code
 * DockerProvisioning.provisionOnFirstUse("MyContainerIT");
 * LocalImages.requireDocker();
 * }</pre>
 */
public final class DockerProvisioning {
  private static final List<String> SCRIPTS = List.of("docker.sh", "build-base-image.sh");
  // Once per JVM: whether the machine was provisioned is a fact about the machine, not about one test.
  private static boolean provisioningTried;

  /** The environment variable that lets container tests skip when Docker is missing. */
  public static final String OPTIONAL_ENV = "CRASHTEST_CONTAINERS";

  private DockerProvisioning() {}

  /**
   * The rule of every container test: returns empty when Docker can be used (provisioned first when it can be);
   * throws the one-line reason when it cannot; or, when {@value #OPTIONAL_ENV}{@code =optional}, returns the line
   * to skip the test with (also printed loudly on standard error), having installed nothing.
   */
  public static Optional<String> requireOrSkip(String testName) {
    boolean optional = "optional".equals(System.getenv(OPTIONAL_ENV));
    if (!optional) {
      provisionOnFirstUse(testName);
    }
    try {
      LocalImages.requireDocker();
      return Optional.empty();
    } catch (EnvironmentException e) {
      if (!optional) {
        throw e;
      }
      String message = "SKIPPING " + testName + " because " + OPTIONAL_ENV + "=optional: " + e.getMessage();
      System.err.println("!!! " + message);
      return Optional.of(message);
    }
  }

  /**
   * Runs the repository's {@code ci/docker.sh} and {@code ci/build-base-image.sh} when the engine does not answer
   * or the base image is missing, the user is root and apt-get is there; both scripts are idempotent (the base
   * image comes from the Debian mirror this machine's apt uses). A lock file keeps two test JVMs on one machine
   * from provisioning at once.
   */
  public static synchronized void provisionOnFirstUse(String testName) {
    if (provisioningTried) {
      return;
    }
    provisioningTried = true;
    Optional<Path> ci = ciDirectory();
    if (ci.isEmpty() || !"root".equals(System.getProperty("user.name")) || !onPath("apt-get")) {
      return;
    }
    Optional<String> missing = missing();
    if (missing.isEmpty()) {
      return;
    }
    System.out.println("[" + testName + "] " + missing.get() + ": provisioning it with " + ci.get()
        + "/docker.sh and build-base-image.sh (about a minute, once per machine; no registry)");
    Path lock = Path.of(System.getProperty("java.io.tmpdir"), "crashtest-provisioning.lock");
    try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {
      for (String script : SCRIPTS) {
        System.out.println("[" + testName + "] running " + ci.get().resolve(script));
        run(ci.get().resolve(script));
      }
    } catch (IOException e) {
      throw new EnvironmentException("could not provision Docker: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvironmentException("interrupted while provisioning Docker", e);
    }
  }

  private static void run(Path script) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(script.toString()).inheritIO().start();
    if (!process.waitFor(15, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new EnvironmentException("[" + script + "] did not finish within 15 minutes; run it by hand", null);
    }
    if (process.exitValue() != 0) {
      throw new EnvironmentException("[" + script + "] exited with " + process.exitValue()
          + " (its output is above); run it by hand to see why, or set CRASHTEST_CONTAINERS=optional to"
          + " skip the container tests", null);
    }
  }

  /** What the container tests lack on this machine, in words; empty when Docker answers and has the base image. */
  private static Optional<String> missing() {
    if (!succeeds("docker", "info")) {
      return Optional.of("no Docker engine answers");
    }
    String base = LocalImages.baseImage();
    return succeeds("docker", "image", "inspect", base)
        ? Optional.empty() : Optional.of("the base image [" + base + "] is not on the Docker engine");
  }

  private static boolean succeeds(String... command) {
    if (!onPath(command[0])) {
      return false;
    }
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return false;
      }
      return process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The repository's {@code ci/} directory, found from the working directory (a module's) upwards. */
  private static Optional<Path> ciDirectory() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path ci = dir.resolve("ci");
      if (SCRIPTS.stream().allMatch(script -> Files.isExecutable(ci.resolve(script)))) {
        return Optional.of(ci);
      }
    }
    return Optional.empty();
  }

  private static boolean onPath(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }
}
