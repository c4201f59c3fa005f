package dev.crashtest.env;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import dev.crashtest.env.containers.ContainerOutput;
import dev.crashtest.env.containers.ContainerReaper;
import dev.crashtest.fakes.FakeService;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.testcontainers.DockerClientFactory;

/**
 * One fake service (or the fault proxy) as a container, on the host's network, its work directory mounted at the
 * same path, its output in a log file whose last lines explain a failed start.
 */
final class ServiceContainer implements FakeService {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final String name;
  private final String id;
  private final URI baseUrl;
  private final Path logFile;
  private final Closeable output;

  private ServiceContainer(String name, String id, URI baseUrl, Path logFile, Closeable output) {
    this.name = name;
    this.id = id;
    this.baseUrl = baseUrl;
    this.logFile = logFile;
    this.output = output;
  }

  /**
   * Starts {@code command} in a container of {@code image} and waits until {@code readyPath} on {@code port}
   * answers; its output goes to {@code <workDirectory>/<name>.log}.
   */
  static ServiceContainer start(String name, String image, List<String> command, int port, String readyPath,
      Path workDirectory) {
    DockerClient docker = DockerClientFactory.instance().client();
    String mount = workDirectory.toAbsolutePath().toString();
    String id = docker.createContainerCmd(image)
        .withCmd(command)
        .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host")
            .withBinds(new Bind(mount, new Volume(mount))))
        .withUser(ContainerReaper.hostUser())
        .withLabels(ContainerReaper.labels()).exec().getId();
    ContainerReaper.watch(id);
    Path logFile = workDirectory.resolve(name + ".log");
    Closeable output = follow(docker, id, logFile);
    docker.startContainerCmd(id).exec();
    ServiceContainer service = new ServiceContainer(name, id, URI.create("http://127.0.0.1:" + port), logFile,
        output);
    service.awaitReady(readyPath);
    return service;
  }

  private static Closeable follow(DockerClient docker, String id, Path logFile) {
    try {
      return ContainerOutput.follow(docker, id, logFile);
    } catch (IOException e) {
      throw new EnvironmentException("could not open the log [" + logFile + "]: " + e.getMessage(), e);
    }
  }

  private void awaitReady(String readyPath) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    HttpRequest ready = HttpRequest.newBuilder(baseUrl.resolve(readyPath)).timeout(Duration.ofSeconds(1)).build();
    while (System.nanoTime() < deadline) {
      try {
        if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() < 500) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (!running()) {
        break;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    String tail = tail(20);
    close();
    throw new EnvironmentException("the [" + name + "] container did not answer on " + baseUrl.resolve(readyPath)
        + " within " + READY_TIMEOUT.toSeconds() + " s; its last lines:\n" + tail, null);
  }

  /**
   * Why the container no longer serves — it exited — with where its whole log is and its last lines; empty while it
   * runs. A copy of the log goes to {@code copyTo} (the run's directory), so the report's reader has it.
   */
  Optional<String> failure(Path copyTo) {
    InspectContainerResponse.ContainerState state;
    try {
      state = DockerClientFactory.instance().client().inspectContainerCmd(id).exec().getState();
    } catch (NotFoundException gone) {
      return Optional.of("the [" + name + "] container is gone (removed by someone else); its last lines:\n"
          + tail(20));
    }
    if (Boolean.TRUE.equals(state.getRunning())) {
      return Optional.empty();
    }
    Path copy = copyTo.resolve(name + "-container.log");
    try {
      Files.createDirectories(copyTo);
      Files.copy(logFile, copy, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      copy = logFile;
    }
    return Optional.of("the [" + name + "] container exited with code " + state.getExitCodeLong()
        + (Boolean.TRUE.equals(state.getOOMKilled()) ? " (out of memory)" : "") + "; its log: " + copy
        + "; its last lines:\n" + tail(20));
  }

  private boolean running() {
    return Boolean.TRUE.equals(DockerClientFactory.instance().client().inspectContainerCmd(id).exec().getState()
        .getRunning());
  }

  private String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public URI baseUrl() {
    return baseUrl;
  }

  @Override
  public void close() {
    ContainerReaper.remove(id);
    try {
      output.close();
    } catch (IOException e) {
      // the stream is gone either way
    }
  }
}
