package dev.crashtest.env;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.crashtest.env.containers.JavaImage;
import dev.crashtest.env.containers.LocalImages;
import dev.crashtest.fakes.FakeService;
import dev.crashtest.fakes.proxy.FaultProxyMain;
import dev.crashtest.internal.Ports;
import java.nio.file.Path;
import java.util.List;
import org.testcontainers.DockerClientFactory;

/**
 * The fault proxy as a container on the host's network, driven through the same Toxiproxy API and toxiproxy-java
 * client as the embedded one: the named Toxiproxy image when the local engine has it (nothing is pulled), else
 * Crashtest's own Toxiproxy-compatible proxy in an image built here.
 */
final class ProxyContainer {
  private ProxyContainer() {}

  static FakeService start(String toxiproxyImage, long seed, Path workDirectory) {
    LocalImages.requireDocker();
    DockerClient docker = DockerClientFactory.instance().client();
    int port = Ports.freeLoopbackPort();
    if (exists(docker, toxiproxyImage)) {
      return ServiceContainer.start("proxy", toxiproxyImage, List.of("-host", "127.0.0.1", "-port",
          String.valueOf(port)), port, "/version", workDirectory);
    }
    JavaImage ours = ServiceImages.forThisClassPath().image();
    return ServiceContainer.start("proxy", ours.name(), List.of(ours.command(FaultProxyMain.class.getName(),
        "-host", "127.0.0.1", "-port", String.valueOf(port), "-seed", String.valueOf(seed))), port, "/version",
        workDirectory);
  }

  private static boolean exists(DockerClient docker, String image) {
    try {
      docker.inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }
}
