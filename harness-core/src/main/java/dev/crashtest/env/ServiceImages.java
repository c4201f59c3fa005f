package dev.crashtest.env;

import dev.crashtest.env.containers.JavaImage;
import dev.crashtest.env.containers.LocalImages;
import dev.crashtest.fakes.FakeService;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The image the fake services and Crashtest's own fault proxy run from in containers: this JVM's own class path,
 * built here once per distinct class path.
 */
final class ServiceImages {
  static final String REPOSITORY = "crashtest/services";

  private final JavaImage image;

  private ServiceImages(JavaImage image) {
    this.image = image;
  }

  static ServiceImages forThisClassPath() {
    List<Path> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isBlank()).map(Path::of).toList();
    return new ServiceImages(LocalImages.javaImage(REPOSITORY, classPath));
  }

  JavaImage image() {
    return image;
  }

  FakeService start(String name, String mainClass, int port, String readyPath, Path workDirectory, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("--host", "127.0.0.1", "--port", String.valueOf(port)));
    all.addAll(List.of(args));
    return ServiceContainer.start(name, image, mainClass, all, port, readyPath, workDirectory);
  }

  /** A loopback port that was free a moment ago, for a container on the host's network. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new EnvironmentException("no free loopback port for a service container: " + e.getMessage(), e);
    }
  }
}
