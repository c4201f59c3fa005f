package dev.crashtest.scenarios;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds a durable runtime's own class path in the build: its classes plus {@code target/runtime-classpath.txt}. */
final class RuntimeClasspath {
  static final String HOME_PROPERTY = "crashtest.home";

  private RuntimeClasspath() {}

  static List<Path> of(String runtime) {
    Path home = Path.of(System.getProperty(HOME_PROPERTY, ".")).toAbsolutePath().normalize();
    Path module = home.resolve("agents").resolve(runtime);
    Path file = module.resolve("target").resolve("runtime-classpath.txt");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("agent [" + runtime + "] is not built: " + file + " is missing;"
          + " build it with ./crashtest --rebuild (or mvn -B -DskipTests package)");
    }
    List<Path> classpath = new ArrayList<>();
    classpath.add(module.resolve("target").resolve("classes"));
    try {
      for (String entry : Files.readString(file).strip().split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          classpath.add(Path.of(entry));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
    }
    return classpath;
  }
}
