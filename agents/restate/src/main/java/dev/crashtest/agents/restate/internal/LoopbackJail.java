package dev.crashtest.agents.restate.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command in its own mount namespace whose {@code /etc/hosts} maps GitHub's API names to loopback and whose
 * {@code /etc/resolv.conf} names only a resolver on loopback, so every name the command resolves ends on this
 * machine. The Restate server asks GitHub for its latest version at every start and no setting turns that off;
 * inside the jail its connection goes to 127.0.0.1:443 and is refused.
 *
 * <p>A network namespace would isolate harder but also hide the server's ports from the agent, so this keeps the
 * host's network and changes only name resolution. Needs {@code unshare} (util-linux); as root it uses a plain
 * mount namespace, otherwise a user namespace mapped to root.
 *
 * <pre>{@code
 * List<String> command = LoopbackJail.in(stateDir.resolve("jail")).wrap(List.of(binary, "-c", config));
 * }</pre>
 */
public final class LoopbackJail {
  /** The names the server's version check uses. */
  static final List<String> CAPTURED_NAMES = List.of("api.github.com", "uploads.github.com", "github.com");

  private final Path directory;

  private LoopbackJail(Path directory) {
    this.directory = directory;
  }

  /** A jail whose hosts and resolver files live in {@code directory}. */
  public static LoopbackJail in(Path directory) {
    return new LoopbackJail(directory.toAbsolutePath());
  }

  static String hostsFile() {
    String names = String.join(" ", CAPTURED_NAMES);
    return "127.0.0.1 localhost\n::1 localhost\n127.0.0.1 " + names + "\n::1 " + names + "\n";
  }

  static String resolverFile() {
    return "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n";
  }

  /** Writes the jail's files and returns {@code command} wrapped so that it runs inside the jail. */
  public List<String> wrap(List<String> command) throws IOException {
    Files.createDirectories(directory);
    Path hosts = Files.writeString(directory.resolve("hosts"), hostsFile());
    Path resolver = Files.writeString(directory.resolve("resolv.conf"), resolverFile());
    List<String> wrapped = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private"));
    if (!isRoot()) {
      wrapped.add("--map-root-user");
    }
    wrapped.addAll(List.of("--", "/bin/sh", "-c",
        "mount --bind \"$1\" /etc/hosts && mount --bind \"$2\" /etc/resolv.conf && shift 2 && exec \"$@\"",
        "crashtest-loopback-jail", hosts.toString(), resolver.toString()));
    wrapped.addAll(command);
    return wrapped;
  }

  private static boolean isRoot() {
    try {
      return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
