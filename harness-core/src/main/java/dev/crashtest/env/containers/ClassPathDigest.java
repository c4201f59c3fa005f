package dev.crashtest.env.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A SHA-256 over everything that decides what a {@link JavaImage} contains, so that the same inputs give the same
 * tag and any change gives a new one. A file (a jar) counts by name, size and modification time: reading every
 * dependency jar on each run would cost more than the build it saves. A directory (compiled classes) counts by
 * every file's relative path and content, so a recompile that changes nothing keeps the tag.
 */
final class ClassPathDigest {
  private static final int TAG_LENGTH = 16;
  private static final long SMALL_FILE = 1 << 20;

  private final MessageDigest sha256;

  private ClassPathDigest() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The first {@value #TAG_LENGTH} hex digits of the digest of the recipe, base image id and class path. */
  static String tag(String dockerfile, String baseImageId, List<Path> classPath) {
    ClassPathDigest digest = new ClassPathDigest();
    digest.text("dockerfile").text(dockerfile).text("base").text(baseImageId);
    for (Path entry : classPath) {
      digest.entry(entry);
    }
    return HexFormat.of().formatHex(digest.sha256.digest()).substring(0, TAG_LENGTH);
  }

  /**
   * The tag of an image of files ({@link LocalImages#filesImage}): each target path, then its source: a file up to
   * 1 MiB (a script, often a fresh copy) by content, a larger one (a binary) and every file of a directory by
   * relative path, size and modification time.
   */
  static String filesTag(String dockerfile, String baseImageId, List<String> targets, List<Path> sources) {
    ClassPathDigest digest = new ClassPathDigest();
    digest.text("dockerfile").text(dockerfile).text("base").text(baseImageId);
    for (int i = 0; i < targets.size(); i++) {
      digest.text("target").text(targets.get(i)).metadata(sources.get(i));
    }
    return HexFormat.of().formatHex(digest.sha256.digest()).substring(0, TAG_LENGTH);
  }

  private void metadata(Path source) {
    try {
      if (Files.isRegularFile(source) && Files.size(source) <= SMALL_FILE) {
        text("content");
        sha256.update(Files.readAllBytes(source));
        return;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read [" + source + "] to digest it", e);
    }
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        text(source.relativize(file).toString().replace('\\', '/'));
        text(Long.toString(Files.size(file)));
        text(Files.getLastModifiedTime(file).toString());
        text(Files.isExecutable(file) ? "x" : "-");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read [" + source + "] to digest it", e);
    }
  }

  private void entry(Path entry) {
    try {
      if (Files.isDirectory(entry)) {
        text("dir").text(entry.getFileName().toString());
        try (Stream<Path> walk = Files.walk(entry)) {
          for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
            text(entry.relativize(file).toString().replace('\\', '/'));
            text(Long.toString(Files.size(file)));
            sha256.update(Files.readAllBytes(file));
          }
        }
      } else {
        text("file").text(entry.getFileName().toString());
        text(Long.toString(Files.size(entry)));
        text(Files.getLastModifiedTime(entry).toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read class path entry [" + entry + "] to digest it", e);
    }
  }

  /** Each value is length-prefixed, so "ab"+"c" and "a"+"bc" never collide. */
  private ClassPathDigest text(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
    sha256.update(bytes);
    return this;
  }
}
