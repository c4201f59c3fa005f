package dev.crashtest.scenarios;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --out}: the directory the reports and run folders go to, checked before anything starts, so a file, an
 * empty name or a directory that cannot be written costs no run. It is created when missing.
 *
 * <pre>{@code
 * Path out = OutDirectory.require(Path.of("crashtest-out"));   // IllegalArgumentException naming the fix
 * }</pre>
 */
final class OutDirectory {
  private static final String EXAMPLE = "for example: --out crashtest-out";

  private OutDirectory() {}

  /**
   * Creates {@code out} if missing and proves it writable by making and removing a file in it.
   *
   * @throws IllegalArgumentException one line naming the directory, the cause and an example
   */
  static Path require(Path out) {
    if (out == null || out.toString().isBlank()) {
      throw new IllegalArgumentException("--out needs a directory, got an empty name; " + EXAMPLE);
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException("--out [" + out + "] is a file, not a directory; name a directory (it is"
          + " created if missing), " + EXAMPLE);
    }
    for (Path above = out.toAbsolutePath().getParent(); above != null; above = above.getParent()) {
      if (Files.exists(above) && !Files.isDirectory(above)) {
        throw new IllegalArgumentException("--out [" + out + "] cannot be written ([" + above + "] is a file);"
            + " choose a directory you may write to, " + EXAMPLE);
      }
    }
    try {
      Files.createDirectories(out);
      Files.delete(Files.createTempFile(out, ".crashtest-write-check-", ""));
      return out;
    } catch (IOException e) {
      throw new IllegalArgumentException("--out [" + out + "] cannot be written (" + cause(e) + "); choose a"
          + " directory you may write to, " + EXAMPLE, e);
    }
  }

  private static String cause(IOException e) {
    if (e instanceof AccessDeniedException denied) {
      return "permission denied on " + denied.getFile();
    }
    if (e instanceof FileSystemException failed && failed.getReason() != null) {
      return failed.getReason().toLowerCase(java.util.Locale.ROOT) + ": " + failed.getFile();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
