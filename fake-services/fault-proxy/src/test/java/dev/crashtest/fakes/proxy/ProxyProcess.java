package dev.crashtest.fakes.proxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fault proxy in its own JVM ({@link FaultProxyMain}), so its heap, threads and RSS are measured alone.
 *
 * <pre>{@code
 * try (ProxyProcess proxy = ProxyProcess.start()) { proxy.heapUsedKib(); }
 * }</pre>
 */
final class ProxyProcess implements AutoCloseable {
  private static final Pattern USED = Pattern.compile("used (\\d+)K");
  private final Process process;
  private final URI url;

  private ProxyProcess(Process process, URI url) {
    this.process = process;
    this.url = url;
  }

  static ProxyProcess start() throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
        FaultProxyMain.class.getName(), "-port", "0", "-seed", "1"))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("proxy listening on ")) {
      process.destroyForcibly();
      throw new IllegalStateException("benchmark: the proxy process did not start; it printed [" + line + "]");
    }
    return new ProxyProcess(process, URI.create(line.substring("proxy listening on ".length())));
  }

  URI url() {
    return url;
  }

  /** Heap in use after a full GC, as {@code jcmd GC.heap_info} reports it. */
  long heapUsedKib() throws IOException, InterruptedException {
    jcmd("GC.run");
    Matcher matcher = USED.matcher(jcmd("GC.heap_info"));
    if (!matcher.find()) {
      throw new IllegalStateException("benchmark: no [used NK] in jcmd GC.heap_info output");
    }
    return Long.parseLong(matcher.group(1));
  }

  /** A line of {@code /proc/<pid>/status}, e.g. {@code VmRSS} or {@code Threads}. */
  String status(String field) throws IOException {
    return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
        .filter(line -> line.startsWith(field + ":")).map(line -> line.substring(field.length() + 1).trim())
        .findFirst().orElse("?");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process run = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), command)
        .redirectErrorStream(true).start();
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!run.waitFor(30, TimeUnit.SECONDS) || run.exitValue() != 0) {
      throw new IllegalStateException("benchmark: jcmd " + command + " failed: " + output);
    }
    return output;
  }
}
