package dev.crashtest.env;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import dev.crashtest.env.containers.ContainerReaper;
import dev.crashtest.env.containers.JavaImage;
import dev.crashtest.env.containers.LocalImages;
import dev.crashtest.fakes.FakeService;
import dev.crashtest.fakes.proxy.FaultProxyMain;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.testcontainers.DockerClientFactory;

/**
 * The fault proxy as a container on the host's network, driven through the same Toxiproxy API and toxiproxy-java
 * client as the embedded one: the named Toxiproxy image when the local engine has it (nothing is pulled), else
 * Crashtest's own Toxiproxy-compatible proxy in an image built here.
 */
final class ProxyContainer implements FakeService {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final String containerId;
  private final String image;
  private final URI api;

  private ProxyContainer(String containerId, String image, URI api) {
    this.containerId = containerId;
    this.image = image;
    this.api = api;
  }

  static ProxyContainer start(String toxiproxyImage, long seed) {
    LocalImages.requireDocker();
    DockerClient docker = DockerClientFactory.instance().client();
    int port = ServiceImages.freePort();
    String image;
    List<String> command = new ArrayList<>();
    if (exists(docker, toxiproxyImage)) {
      image = toxiproxyImage;
      command.addAll(List.of("-host", "127.0.0.1", "-port", String.valueOf(port)));
    } else {
      JavaImage ours = ServiceImages.forThisClassPath().image();
      image = ours.name();
      command.addAll(Arrays.asList(ours.command(FaultProxyMain.class.getName(), "-host", "127.0.0.1", "-port",
          String.valueOf(port), "-seed", String.valueOf(seed))));
    }
    String id = docker.createContainerCmd(image).withCmd(command)
        .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host"))
        .withLabels(ContainerReaper.labels()).exec().getId();
    ContainerReaper.watch(id);
    docker.startContainerCmd(id).exec();
    ProxyContainer proxy = new ProxyContainer(id, image, URI.create("http://127.0.0.1:" + port));
    proxy.awaitReady();
    return proxy;
  }

  private static boolean exists(DockerClient docker, String image) {
    try {
      docker.inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    HttpRequest version = HttpRequest.newBuilder(api.resolve("/version")).timeout(Duration.ofSeconds(1)).build();
    while (System.nanoTime() < deadline) {
      try {
        if (HTTP.send(version, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    close();
    throw new EnvironmentException("the fault proxy container of image [" + image + "] did not answer on " + api
        + " within " + READY_TIMEOUT.toSeconds() + " s; run 'docker run --rm --network host " + image + "' to see why",
        null);
  }

  /** The image it runs: the Toxiproxy image asked for, or Crashtest's own. */
  String image() {
    return image;
  }

  @Override
  public URI baseUrl() {
    return api;
  }

  @Override
  public void close() {
    ContainerReaper.remove(containerId);
  }
}
