package dev.crashtest.env.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.crashtest.env.EnvironmentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.dockerfile.DockerfileBuilder;

/**
 * Builds images on the local Docker engine, never from a registry: each one starts {@code FROM} the base image
 * that {@code ci/build-base-image.sh} imports (a Debian bookworm with a JRE 17 and Python 3). Every image carries
 * the label {@value #MANAGED_LABEL}{@code =true}, so {@code docker images --filter label=dev.crashtest.managed=true}
 * lists all of ours.
 *
 * <pre>{@code
 * JavaImage image = LocalImages.javaImage("crashtest/services", List.of(fakesJar, Path.of("target/classes")));
 * image.name();   // crashtest/services:3f2a9c0d41b7e215, built once per distinct class path
 * }</pre>
 *
 * <p>Testcontainers must run with {@code TESTCONTAINERS_RYUK_DISABLED=true} (its reaper's image cannot be pulled
 * without a registry) and, inside a container, {@code TESTCONTAINERS_HOST_OVERRIDE=localhost}; it reads both from
 * the environment only. The Maven build sets them; docs/containers.md says how elsewhere.
 */
public final class LocalImages {
  /** The label on every image and container Crashtest makes, with the value {@code true}. */
  public static final String MANAGED_LABEL = "dev.crashtest.managed";
  /** The base image when neither {@value #BASE_IMAGE_PROPERTY} nor {@value #BASE_IMAGE_ENV} names another. */
  public static final String DEFAULT_BASE_IMAGE = "crashtest/base-jre:17";
  /** System property naming the base image; wins over {@value #BASE_IMAGE_ENV}. */
  public static final String BASE_IMAGE_PROPERTY = "crashtest.image.base";
  /** Environment variable naming the base image, the same one {@code ci/build-base-image.sh} reads. */
  public static final String BASE_IMAGE_ENV = "CRASHTEST_BASE_IMAGE";

  static final String CLASS_PATH_ROOT = "/opt/crashtest/cp";
  static final String USER = "crashtest";
  static final int USER_ID = 1000;

  private static final Pattern REPOSITORY =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

  private LocalImages() {}

  /**
   * Returns an image of {@code repository} that runs Java mains from {@code classPath}, building it only when no
   * image with the same content tag exists. The tag digests the base image id, the recipe and the class path:
   * jar files by name, size and modification time, directories by every file's path and content. The image adds
   * user {@value #USER} (uid 1000) and runs as that user in {@code /home/crashtest}; see {@link JavaImage}.
   *
   * @param repository an image repository without a tag, e.g. {@code crashtest/services}
   * @param classPath jar files and class directories, in class path order
   * @throws EnvironmentException when Docker or the base image is missing, or the build fails; the message says
   *     which script or setting fixes it
   */
  public static JavaImage javaImage(String repository, List<Path> classPath) {
    checkRepository(repository);
    checkClassPath(classPath);
    Base base = base();
    List<String> inImage = inImageClassPath(classPath);
    String dockerfile = dockerfile(base.name(), inImage);
    Map<String, Path> context = new java.util.LinkedHashMap<>();
    for (int i = 0; i < classPath.size(); i++) {
      context.put("cp/" + contextName(i, classPath.get(i)), classPath.get(i));
    }
    Built built = buildOnce(base, repository, ClassPathDigest.tag(dockerfile, base.id(), classPath), dockerfile,
        context);
    return new JavaImage(built.name(), built.id(), inImage, built.built());
  }

  /**
   * Returns an image of {@code repository} that carries {@code files} (path in the image to file or directory on
   * this machine) and nothing else beyond the base image, for agents that are not Java: a Node script with its
   * {@code node_modules} and the {@code node} binary that installed them, say. Built only when no image with the
   * same content tag exists; the tag digests the base image id, the recipe and every file's path, size and
   * modification time (a {@code node_modules} holds tens of thousands of files, written once by npm). Runs as user
   * {@value #USER} in {@code /home/crashtest}, like {@link #javaImage}; the command is the caller's.
   *
   * <pre>{@code
   * FilesImage image = LocalImages.filesImage("crashtest/agent-langgraph", Map.of(
   *     "/opt/crashtest/node", Path.of("/usr/bin/node"), "/opt/crashtest/app", Path.of("app")));
   * }</pre>
   *
   * @throws EnvironmentException when Docker or the base image is missing, or the build fails
   */
  public static FilesImage filesImage(String repository, Map<String, Path> files) {
    checkRepository(repository);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("An image of no files: name at least one, e.g. Map.of(\"/opt/app\","
          + " Path.of(\"app\"))");
    }
    List<String> targets = new ArrayList<>(new java.util.TreeSet<>(files.keySet()));
    List<Path> sources = new ArrayList<>();
    for (String target : targets) {
      Path source = files.get(target);
      if (!target.startsWith("/") || target.contains("..")) {
        throw new IllegalArgumentException("Path [" + target + "] in the image must be absolute, without '..'");
      }
      if (!Files.isDirectory(source) && !Files.isRegularFile(source)) {
        throw new IllegalArgumentException("[" + source + "] (for " + target + " in the image) is neither a file"
            + " nor a directory on this machine");
      }
      sources.add(source);
    }
    Base base = base();
    DockerfileBuilder recipe = new DockerfileBuilder().from(base.name()).label(MANAGED_LABEL, "true")
        .run("useradd --uid " + USER_ID + " --create-home --shell /bin/sh " + USER);
    Map<String, Path> context = new java.util.LinkedHashMap<>();
    for (int i = 0; i < targets.size(); i++) {
      recipe.copy("files/" + i, targets.get(i));
      context.put("files/" + i, sources.get(i));
    }
    String dockerfile = recipe.user(USER).workDir("/home/" + USER).build();
    Built built = buildOnce(base, repository, ClassPathDigest.filesTag(dockerfile, base.id(), targets, sources),
        dockerfile, context);
    return new FilesImage(built.name(), built.id(), built.built());
  }

  /**
   * The base image every {@link #javaImage} starts from: system property {@value #BASE_IMAGE_PROPERTY}, else
   * environment variable {@value #BASE_IMAGE_ENV}, else {@value #DEFAULT_BASE_IMAGE}.
   */
  public static String baseImage() {
    String property = System.getProperty(BASE_IMAGE_PROPERTY);
    if (property != null && !property.isBlank()) {
      return property.trim();
    }
    String env = System.getenv(BASE_IMAGE_ENV);
    return env != null && !env.isBlank() ? env.trim() : DEFAULT_BASE_IMAGE;
  }

  /**
   * Fails unless Testcontainers can reach a Docker engine without needing a registry.
   *
   * @throws EnvironmentException with a one-line message naming the fix: {@code ci/docker.sh}, or the
   *     Testcontainers setting to export
   */
  public static void requireDocker() {
    if (!"true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
      throw new EnvironmentException(
          "Testcontainers would start its Ryuk reaper, whose image cannot be pulled without a registry: export"
              + " TESTCONTAINERS_RYUK_DISABLED=true (and TESTCONTAINERS_HOST_OVERRIDE=localhost) before starting"
              + " this JVM; see docs/containers.md", null);
    }
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      String host = Optional.ofNullable(System.getenv("DOCKER_HOST")).orElse("unix:///var/run/docker.sock");
      throw new EnvironmentException(
          "Docker is not reachable at [" + host + "]: run ci/docker.sh (it installs and starts dockerd), then"
              + " try again", null);
    }
  }

  /**
   * Whether {@code image} is on the local Docker engine; it is never pulled. For checking a user's image before
   * anything starts.
   *
   * @throws EnvironmentException when Docker is not reachable, as {@link #requireDocker()}
   */
  public static boolean isLocal(String image) {
    requireDocker();
    return imageId(DockerClientFactory.instance().client(), image).isPresent();
  }

  static String dockerfile(String base, List<String> inImageClassPath) {
    return new DockerfileBuilder()
        .from(base)
        .label(MANAGED_LABEL, "true")
        // Before the COPY, so this layer is cached across class path changes.
        .run("useradd --uid " + USER_ID + " --create-home --shell /bin/sh " + USER)
        .copy("cp", CLASS_PATH_ROOT)
        .env("CLASSPATH", String.join(":", inImageClassPath))
        .user(USER)
        .workDir("/home/" + USER)
        .build();
  }

  /** {@code /opt/crashtest/cp/<n>-<file name>}: the index keeps two {@code classes} directories apart. */
  static List<String> inImageClassPath(List<Path> classPath) {
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < classPath.size(); i++) {
      entries.add(CLASS_PATH_ROOT + "/" + contextName(i, classPath.get(i)));
    }
    return entries;
  }

  private static String contextName(int index, Path entry) {
    Path fileName = entry.toAbsolutePath().normalize().getFileName();
    String name = fileName == null ? "root" : fileName.toString().replaceAll("[^A-Za-z0-9._-]", "_");
    return index + "-" + name;
  }

  /** The engine's client, the base image's name and id: Docker reachable and the base image built here. */
  private record Base(DockerClient docker, String name, String id) {}

  /** An image's name, id, and whether this call built it. */
  private record Built(String name, String id, boolean built) {}

  private static Base base() {
    requireDocker();
    DockerClient docker = DockerClientFactory.instance().client();
    String name = baseImage();
    return new Base(docker, name, baseImageId(docker, name));
  }

  /**
   * {@code repository:tag} as it is on the engine, or built from {@code dockerfile} and {@code context} (path in the
   * build context to the file or directory here) when there is none.
   */
  private static Built buildOnce(Base base, String repository, String tag, String dockerfile,
      Map<String, Path> context) {
    String name = repository + ":" + tag;
    Optional<String> existing = imageId(base.docker(), name);
    if (existing.isPresent()) {
      return new Built(name, existing.get(), false);
    }
    // deleteOnExit=false: the image is a cache shared by later runs, removed only by the user (docs/containers.md).
    ImageFromDockerfile image = new ImageFromDockerfile(name, false).withFileFromString("Dockerfile", dockerfile);
    context.forEach(image::withFileFromPath);
    buildImage(name, image);
    String id = imageId(base.docker(), name).orElseThrow(() -> new EnvironmentException(
        "Docker reported image [" + name + "] built but cannot find it; run 'docker images " + repository + "'", null));
    return new Built(name, id, true);
  }

  private static void buildImage(String name, ImageFromDockerfile image) {
    try {
      image.get();
    } catch (RuntimeException e) {
      throw new EnvironmentException(
          "Building image [" + name + "] FROM [" + baseImage() + "] failed: " + rootMessage(e)
              + "; the build output is in the log above", e);
    }
  }

  /** The base image's id; Docker must be reachable and the base image built here. */
  private static String baseImageId(DockerClient docker, String base) {
    return imageId(docker, base).orElseThrow(() -> new EnvironmentException(
        "Base image [" + base + "] is not on the local Docker engine: run ci/build-base-image.sh (no registry is"
            + " used; see docs/containers.md)", null));
  }

  private static Optional<String> imageId(DockerClient docker, String image) {
    try {
      return Optional.of(docker.inspectImageCmd(image).exec().getId());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  private static void checkRepository(String repository) {
    if (repository == null || !REPOSITORY.matcher(repository).matches()) {
      throw new IllegalArgumentException("Image repository [" + repository + "] is not valid: use lowercase"
          + " components and no tag, e.g. LocalImages.javaImage(\"crashtest/services\", classPath)");
    }
  }

  private static void checkClassPath(List<Path> classPath) {
    if (classPath.isEmpty()) {
      throw new IllegalArgumentException("The class path is empty: pass at least one jar or class directory");
    }
    for (Path entry : classPath) {
      if (!Files.isDirectory(entry) && !Files.isRegularFile(entry)) {
        throw new IllegalArgumentException("Class path entry [" + entry + "] is neither a jar nor a directory;"
            + " build the module that makes it (mvn -o -q install -DskipTests) or drop it from the class path");
      }
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
