package dev.crashtest.env.containers;

import java.util.ArrayList;
import java.util.List;

/**
 * A local image that runs Java mains from a class path, made by {@link LocalImages#javaImage}. The image sets the
 * standard {@code CLASSPATH} variable to its copy of the class path and has no entrypoint and no default command,
 * so the command is plain {@code java <main> <args>}, run as PID 1 without a shell: signals reach the JVM.
 *
 * <pre>{@code
 * JavaImage image = LocalImages.javaImage("crashtest/services", List.of(Path.of("target/classes")));
 * try (GenericContainer<?> crm = new GenericContainer<>(image.name())
 *     .withCommand(image.command("dev.crashtest.fakes.crm.CrmMain", "--port", "8080"))) {
 *   crm.start();
 * }
 * }</pre>
 */
public final class JavaImage {
  /** JVM flags every {@link #command} starts with: the same fast-start tuning as the harness's local processes. */
  static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

  private final String name;
  private final String id;
  private final List<String> classPath;
  private final boolean built;

  JavaImage(String name, String id, List<String> classPath, boolean built) {
    this.name = name;
    this.id = id;
    this.classPath = List.copyOf(classPath);
    this.built = built;
  }

  /** The image's name with its content tag, e.g. {@code crashtest/services:3f2a9c0d41b7e215}. */
  public String name() {
    return name;
  }

  /** The engine's image id ({@code sha256:…}); unchanged as long as the class path is. */
  public String id() {
    return id;
  }

  /** The class path inside the image, in the caller's order: {@code /opt/crashtest/cp/<n>-<file name>}. */
  public List<String> classPath() {
    return classPath;
  }

  /** Whether this call built the image; false when an image with the same content tag already existed. */
  public boolean built() {
    return built;
  }

  /** {@code java <fast-start flags> <mainClass> <args>}, for {@code GenericContainer.withCommand(…)}. */
  public String[] command(String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add("java");
    command.addAll(JVM_FLAGS);
    command.add(mainClass);
    command.addAll(List.of(args));
    return command.toArray(String[]::new);
  }

  @Override
  public String toString() {
    return name;
  }
}
