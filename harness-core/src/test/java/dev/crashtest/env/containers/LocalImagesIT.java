package dev.crashtest.env.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * Builds images from class directories compiled here and runs them. Needs Docker and the base image
 * ({@code ci/docker.sh && ci/build-base-image.sh}); without Docker it fails, unless {@code CRASHTEST_CONTAINERS=optional},
 * when it is skipped with a message on stderr.
 */
class LocalImagesIT {
  private static final String REPOSITORY = "crashtest/it-local-images";
  private static final Set<String> builtImages = new LinkedHashSet<>();

  @TempDir static Path work;

  @BeforeAll
  static void docker_is_reachable_or_explicitly_optional() {
    RequireDocker.orSkipWhenOptional("LocalImagesIT");
  }

  @AfterAll
  static void remove_the_images_built_here() {
    if (builtImages.isEmpty()) {
      return;
    }
    var docker = DockerClientFactory.instance().client();
    for (String image : builtImages) {
      docker.removeImageCmd(image).withForce(true).exec();
    }
  }

  @Test
  void a_main_from_a_compiled_class_directory_runs_as_the_crashtest_user() throws IOException {
    Path classes = compileHello(work.resolve("runs"), "hello from a local image");

    long buildStarted = System.nanoTime();
    JavaImage image = remembered(LocalImages.javaImage(REPOSITORY, List.of(classes)));
    long buildMillis = (System.nanoTime() - buildStarted) / 1_000_000;

    assertThat(image.classPath()).as("in-image class path").containsExactly("/opt/crashtest/cp/0-classes");
    assertThat(DockerClientFactory.instance().client().inspectImageCmd(image.name()).exec().getConfig().getLabels())
        .as("labels of [%s]", image.name())
        .containsEntry(LocalImages.MANAGED_LABEL, "true");

    long runStarted = System.nanoTime();
    try (GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image.name()))
        .withCommand(image.command("Hello", "a", "b"))
        .withLabel(LocalImages.MANAGED_LABEL, "true")
        .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(60)))) {
      container.start();
      long runMillis = (System.nanoTime() - runStarted) / 1_000_000;
      System.out.printf("[LocalImagesIT] image %s: build %d ms (built=%s), run to exit %d ms%n",
          image.name(), buildMillis, image.built(), runMillis);

      assertThat(container.getLogs().strip())
          .as("output of [%s]", image.name())
          .isEqualTo("hello from a local image [a, b] as crashtest in /home/crashtest");
    }
  }

  @Test
  void the_same_class_path_keeps_its_image_and_a_changed_one_gets_a_new_one() throws IOException {
    Path classes = compileHello(work.resolve("first"), "first");
    JavaImage first = remembered(LocalImages.javaImage(REPOSITORY, List.of(classes)));

    long againStarted = System.nanoTime();
    JavaImage again = LocalImages.javaImage(REPOSITORY, List.of(classes));
    System.out.printf("[LocalImagesIT] unchanged class path: %d ms, built=%s%n",
        (System.nanoTime() - againStarted) / 1_000_000, again.built());
    assertThat(again.name()).as("tag of an unchanged class path").isEqualTo(first.name());
    assertThat(again.id()).as("image id of an unchanged class path").isEqualTo(first.id());
    assertThat(again.built()).as("rebuilt an unchanged class path").isFalse();

    Path sameContent = compileHello(work.resolve("copy"), "first");
    assertThat(LocalImages.javaImage(REPOSITORY, List.of(sameContent)).id())
        .as("image id of the same classes compiled into another directory")
        .isEqualTo(first.id());

    Path changed = compileHello(work.resolve("changed"), "second");
    JavaImage other = remembered(LocalImages.javaImage(REPOSITORY, List.of(changed)));
    assertThat(other.name()).as("tag of a changed class path").isNotEqualTo(first.name());
    assertThat(other.built()).as("built a changed class path").isTrue();
  }

  @Test
  void an_image_of_files_carries_them_with_their_modes_and_is_rebuilt_only_when_one_changes() throws IOException {
    Path app = Files.createDirectories(work.resolve("files-app").resolve("lib"));
    Files.writeString(app.resolve("data.txt"), "kept in the image");
    Path script = Files.writeString(work.resolve("files-run.sh"), "#!/bin/sh\necho \"$(cat /opt/app/lib/data.txt)"
        + " as $(id -un)\"\n");
    Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    java.util.Map<String, Path> files = java.util.Map.of("/opt/app/run.sh", script, "/opt/app/lib", app);

    FilesImage image = LocalImages.filesImage(REPOSITORY, files);
    builtImages.add(image.name());
    try (GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image.name()))
        .withCommand("/opt/app/run.sh")
        .withLabel(LocalImages.MANAGED_LABEL, "true")
        .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(60)))) {
      container.start();
      assertThat(container.getLogs().strip()).as("output of the script copied into [%s]", image.name())
          .isEqualTo("kept in the image as crashtest");
    }

    FilesImage again = LocalImages.filesImage(REPOSITORY, files);
    assertThat(again.name()).as("tag of unchanged files").isEqualTo(image.name());
    assertThat(again.built()).as("rebuilt unchanged files").isFalse();

    Files.writeString(script, "#!/bin/sh\necho changed\n");
    FilesImage changed = LocalImages.filesImage(REPOSITORY, files);
    builtImages.add(changed.name());
    assertThat(changed.name()).as("tag after the script changed").isNotEqualTo(image.name());
    assertThat(changed.built()).as("built after the script changed").isTrue();
  }

  private static JavaImage remembered(JavaImage image) {
    builtImages.add(image.name());
    return image;
  }

  /** Compiles a default-package {@code Hello} that prints the message, its arguments, user and directory. */
  private static Path compileHello(Path directory, String message) throws IOException {
    Path sources = Files.createDirectories(directory.resolve("src"));
    Path classes = Files.createDirectories(directory.resolve("classes"));
    Path source = Files.writeString(sources.resolve("Hello.java"), """
        public class Hello {
          public static void main(String[] args) {
            System.out.println("%s " + java.util.Arrays.toString(args)
                + " as " + System.getProperty("user.name") + " in " + System.getProperty("user.dir"));
          }
        }
        """.formatted(message));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = javac.run(null, null, errors, "--release", "17", "-d", classes.toString(), source.toString());
    assertThat(status).as("javac of [%s]: %s", source, errors).isZero();
    return classes;
  }
}
