package dev.crashtest.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import dev.crashtest.env.containers.ContainerOutput;
import dev.crashtest.env.containers.ContainerReaper;
import dev.crashtest.env.containers.LocalImages;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.testcontainers.DockerClientFactory;

/**
 * An agent run as a container of its image, on the host's network (so the contract's loopback addresses work
 * unchanged), with its run directory mounted at the same path (state directory, client-secret file). One
 * container per agent: killed, stopped, frozen ({@code docker pause}) and started again on its own writable layer
 * and state. Labelled {@value LocalImages#MANAGED_LABEL}, removed at close and by {@link ContainerReaper}.
 */
final class ContainerLaunch implements Launch {
  private final String label;
  private final String image;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path mount;
  private final DockerClient docker;
  private volatile String containerId;
  private volatile Closeable output;

  ContainerLaunch(String label, String image, List<String> command, Map<String, String> environment, Path mount) {
    this.label = label;
    this.image = image;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.mount = mount.toAbsolutePath();
    LocalImages.requireDocker();
    this.docker = DockerClientFactory.instance().client();
  }

  @Override
  public void start(Path logFile) {
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      if (containerId == null) {
        containerId = create();
      }
      output = ContainerOutput.follow(docker, containerId, logFile);
      docker.startContainerCmd(containerId).exec();
    } catch (IOException | DockerException e) {
      throw new AgentException(label + " could not be started from image [" + image + "]: " + e.getMessage()
          + "; check the image exists locally ('docker images " + image + "') and runs the agent contract", e);
    }
  }

  private String create() {
    List<String> env = new ArrayList<>();
    environment.forEach((name, value) -> env.add(name + "=" + value));
    HostConfig host = HostConfig.newHostConfig().withNetworkMode("host")
        .withBinds(new Bind(mount.toString(), new Volume(mount.toString())));
    CreateContainerCmd create = docker.createContainerCmd(image).withEnv(env).withHostConfig(host)
        .withUser(ContainerReaper.hostUser())
        .withLabels(ContainerReaper.labels());
    if (!command.isEmpty()) {
      create = create.withCmd(command);
    }
    String id = create.exec().getId();
    ContainerReaper.watch(id);
    return id;
  }

  private InspectContainerResponse.ContainerState state() {
    return docker.inspectContainerCmd(containerId).exec().getState();
  }

  @Override
  public boolean isAlive() {
    return Boolean.TRUE.equals(state().getRunning());
  }

  @Override
  public int exitCode() {
    InspectContainerResponse.ContainerState state = state();
    return Boolean.TRUE.equals(state.getRunning()) || state.getExitCodeLong() == null
        ? -1 : state.getExitCodeLong().intValue();
  }

  @Override
  public long pid() {
    Long pid = state().getPidLong();
    return pid == null ? -1 : pid;
  }

  @Override
  public void kill() {
    if (isAlive()) {
      if (Boolean.TRUE.equals(state().getPaused())) {
        docker.unpauseContainerCmd(containerId).exec();
      }
      docker.killContainerCmd(containerId).withSignal("KILL").exec();
    }
    awaitStopped(Duration.ofSeconds(10));
  }

  @Override
  public void terminate(Duration grace) {
    if (isAlive()) {
      docker.stopContainerCmd(containerId).withTimeout((int) Math.max(1, grace.toSeconds())).exec();
    }
    awaitStopped(grace.plusSeconds(5));
  }

  private void awaitStopped(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (isAlive() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    closeOutput();
  }

  @Override
  public void pause() {
    docker.pauseContainerCmd(containerId).exec();
  }

  @Override
  public void resume() {
    docker.unpauseContainerCmd(containerId).exec();
  }

  @Override
  public void close() {
    if (containerId == null) {
      return;
    }
    try {
      if (isAlive()) {
        terminate(Duration.ofSeconds(3));
      }
      docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException gone) {
      // already removed
    } finally {
      closeOutput();
      ContainerReaper.forget(containerId);
    }
  }

  private void closeOutput() {
    Closeable current = output;
    if (current != null) {
      try {
        current.close();
      } catch (IOException e) {
        // the stream is gone either way
      }
    }
  }
}
