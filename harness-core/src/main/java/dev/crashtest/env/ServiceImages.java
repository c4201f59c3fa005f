package dev.crashtest.env;

import dev.crashtest.env.containers.JavaImage;
import dev.crashtest.env.containers.LocalImages;
import dev.crashtest.fakes.FakeService;
import java.io.File;
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
    return ServiceContainer.start(name, image.name(), List.of(image.command(mainClass, all.toArray(String[]::new))),
        port, readyPath, workDirectory);
  }
}
