package dev.crashtest.env.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recipe and the content tag, without Docker; {@link LocalImagesIT} builds and runs the images. */
class LocalImagesTest {
  @TempDir Path work;

  @Test
  void the_recipe_adds_the_crashtest_user_copies_the_class_path_and_sets_CLASSPATH() {
    List<String> inImage = LocalImages.inImageClassPath(List.of(Path.of("lib/fakes.jar"), Path.of("target/classes")));

    assertThat(inImage).containsExactly("/opt/crashtest/cp/0-fakes.jar", "/opt/crashtest/cp/1-classes");
    assertThat(LocalImages.dockerfile("crashtest/base-jre:17", inImage)).isEqualTo("""
        FROM crashtest/base-jre:17
        LABEL "dev.crashtest.managed"="true"
        RUN useradd --uid 1000 --create-home --shell /bin/sh crashtest
        COPY ["cp","/opt/crashtest/cp"]
        ENV "CLASSPATH"="/opt/crashtest/cp/0-fakes.jar:/opt/crashtest/cp/1-classes"
        USER crashtest
        WORKDIR /home/crashtest
        """);
  }

  @Test
  void the_command_is_java_with_fast_start_flags_and_no_shell() {
    JavaImage image = new JavaImage("crashtest/services:0123456789abcdef", "sha256:1", List.of(), false);

    assertThat(image.command("dev.crashtest.Main", "--port", "8080")).containsExactly(
        "java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "dev.crashtest.Main", "--port", "8080");
  }

  @Test
  void a_directory_is_tagged_by_content_and_a_jar_by_name_size_and_time() throws IOException {
    Path classes = Files.createDirectories(work.resolve("a/classes"));
    Files.writeString(classes.resolve("Main.class"), "one");
    Path sameContent = Files.createDirectories(work.resolve("b/classes"));
    Files.writeString(sameContent.resolve("Main.class"), "one");
    Path jar = Files.writeString(work.resolve("lib.jar"), "jar");
    String tag = ClassPathDigest.tag("FROM x", "sha256:base", List.of(classes, jar));

    assertThat(ClassPathDigest.tag("FROM x", "sha256:base", List.of(sameContent, jar)))
        .as("tag of the same classes in another directory").isEqualTo(tag);
    assertThat(tag).as("tag").matches("[0-9a-f]{16}");
    assertThat(ClassPathDigest.tag("FROM x", "sha256:rebuilt", List.of(classes, jar)))
        .as("tag after the base image was rebuilt").isNotEqualTo(tag);

    Files.writeString(classes.resolve("Main.class"), "two");
    assertThat(ClassPathDigest.tag("FROM x", "sha256:base", List.of(classes, jar)))
        .as("tag after a class changed").isNotEqualTo(tag);

    Files.writeString(classes.resolve("Main.class"), "one");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    assertThat(ClassPathDigest.tag("FROM x", "sha256:base", List.of(classes, jar)))
        .as("tag after the jar was touched").isNotEqualTo(tag);
  }

  @Test
  void a_repository_with_a_tag_is_refused_with_an_example() {
    assertThatThrownBy(() -> LocalImages.javaImage("crashtest/services:1", List.of(work)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Image repository [crashtest/services:1] is not valid: use lowercase components and no tag,"
            + " e.g. LocalImages.javaImage(\"crashtest/services\", classPath)");
  }

  @Test
  void a_missing_class_path_entry_is_refused_before_docker_is_asked() {
    Path missing = work.resolve("target/classes");

    assertThatThrownBy(() -> LocalImages.javaImage("crashtest/services", List.of(missing)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Class path entry [" + missing + "] is neither a jar nor a directory; build the module that"
            + " makes it (mvn -o -q install -DskipTests) or drop it from the class path");
  }
}
