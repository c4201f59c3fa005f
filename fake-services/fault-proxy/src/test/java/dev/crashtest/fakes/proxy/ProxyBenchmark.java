package dev.crashtest.fakes.proxy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Loopback benchmark of the fault proxy with no toxic, direct connection against the same path through the proxy
 * (which runs in its own JVM): added latency per small round trip (p50, p99), keep-alive requests/s on 1 and 4
 * connections, bulk MB/s, and the proxy's heap with 50 proxies and 500 open connections. Every loop is bounded in
 * count and in time. Run by {@code ci/benchmark-proxy.sh [roundTrips] [bulkMiB]}.
 *
 * <pre>{@code
 * java -cp <test classpath> dev.crashtest.fakes.proxy.ProxyBenchmark 50000 1024
 * }</pre>
 */
public final class ProxyBenchmark {
  private static final int MESSAGE = 64;
  private static final String LISTEN = "127.0.0.1:0";
  private static final int WARMUP_ROUND_TRIPS = 30_000;
  private static final int BLOCK = 1_000;
  private static final long PHASE_LIMIT_NANOS = 30_000_000_000L;
  private static final long CONCURRENT_NANOS = 3_000_000_000L;
  private static final int CONNECTIONS = 4;
  private static final int HEAP_PROXIES = 50;
  private static final int CONNECTIONS_PER_PROXY = 10;

  private ProxyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int roundTrips = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int bulkMib = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
    System.out.printf("machine: %d cores, Java %s, %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), System.getProperty("os.name"));
    try (ProxyProcess proxyProcess = ProxyProcess.start();
        BenchmarkServers.Upstream echo = BenchmarkServers.echo();
        BenchmarkServers.Upstream sink = BenchmarkServers.sink()) {
      ToxiproxyClient client = new ToxiproxyClient(proxyProcess.url().getHost(), proxyProcess.url().getPort());
      long idleHeap = proxyProcess.heapUsedKib();
      InetSocketAddress directEcho = new InetSocketAddress("127.0.0.1", echo.port());
      InetSocketAddress directSink = new InetSocketAddress("127.0.0.1", sink.port());
      InetSocketAddress proxiedEcho = Wire.address(client.createProxy("bench-echo", LISTEN, address(directEcho)));
      InetSocketAddress proxiedSink = Wire.address(client.createProxy("bench-sink", LISTEN, address(directSink)));

      interleavedRoundTrips(directEcho, proxiedEcho, WARMUP_ROUND_TRIPS);
      long[][] both = interleavedRoundTrips(directEcho, proxiedEcho, roundTrips);
      long[] direct = both[0];
      long[] proxied = both[1];
      report("round trip p50 (µs)", micros(percentile(direct, 0.50)), micros(percentile(proxied, 0.50)));
      report("round trip p99 (µs)", micros(percentile(direct, 0.99)), micros(percentile(proxied, 0.99)));
      report("requests/s, 1 keep-alive connection", perSecond(direct), perSecond(proxied));
      double[][] concurrent = interleaved(() -> concurrent(directEcho), () -> concurrent(proxiedEcho));
      report("requests/s, " + CONNECTIONS + " keep-alive connections", median(concurrent[0]), median(concurrent[1]));

      bulk(directSink, sink, Math.max(1, bulkMib / 4));
      bulk(proxiedSink, sink, Math.max(1, bulkMib / 4));
      double[][] bulk = interleaved(() -> bulk(directSink, sink, bulkMib), () -> bulk(proxiedSink, sink, bulkMib));
      report("bulk transfer (MB/s)", median(bulk[0]), median(bulk[1]));

      for (Proxy proxy : client.getProxies()) {
        proxy.delete();
      }
      heap(client, proxyProcess, directEcho, idleHeap);
    }
  }

  /**
   * {@code count} round trips on each of two connections, alternating in blocks of {@link #BLOCK}, so both sides
   * see the same machine conditions (this box is shared); returns the nanosecond samples of each.
   */
  private static long[][] interleavedRoundTrips(InetSocketAddress direct, InetSocketAddress proxied, int count)
      throws IOException {
    long[][] samples = {new long[count], new long[count]};
    int[] done = new int[2];
    byte[] message = new byte[MESSAGE];
    long deadline = System.nanoTime() + 2 * PHASE_LIMIT_NANOS;
    try (Socket directSocket = connect(direct); Socket proxiedSocket = connect(proxied)) {
      Socket[] sockets = {directSocket, proxiedSocket};
      while (done[1] < count && System.nanoTime() < deadline) {
        for (int side = 0; side < 2; side++) {
          OutputStream out = sockets[side].getOutputStream();
          DataInputStream in = new DataInputStream(sockets[side].getInputStream());
          for (int i = 0; i < BLOCK && done[side] < count; i++) {
            long start = System.nanoTime();
            out.write(message);
            in.readFully(message);
            samples[side][done[side]++] = System.nanoTime() - start;
          }
        }
      }
    }
    return new long[][] {Arrays.copyOf(samples[0], done[0]), Arrays.copyOf(samples[1], done[1])};
  }

  private static double concurrent(InetSocketAddress target) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
    try {
      long start = System.nanoTime();
      List<Future<Integer>> counts = new ArrayList<>();
      for (int i = 0; i < CONNECTIONS; i++) {
        counts.add(pool.submit(() -> {
          long[] samples = roundTripsFor(target, start + CONCURRENT_NANOS);
          return samples.length;
        }));
      }
      long total = 0;
      for (Future<Integer> count : counts) {
        total += count.get();
      }
      return total * 1e9 / (System.nanoTime() - start);
    } finally {
      pool.shutdownNow();
    }
  }

  private static long[] roundTripsFor(InetSocketAddress target, long deadline) throws IOException {
    long[] samples = new long[10_000_000];
    byte[] message = new byte[MESSAGE];
    int done = 0;
    try (Socket socket = connect(target)) {
      OutputStream out = socket.getOutputStream();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      for (; done < samples.length && System.nanoTime() < deadline; done++) {
        out.write(message);
        in.readFully(message);
      }
    }
    return Arrays.copyOf(samples, done);
  }

  /** Sends {@code mib} MiB to the sink and waits until it has read them all; returns MB/s (10^6 bytes). */
  private static double bulk(InetSocketAddress target, BenchmarkServers.Upstream sink, int mib)
      throws IOException, InterruptedException {
    byte[] block = new byte[64 * 1024];
    long bytes = (long) mib * 1024 * 1024;
    long before = sink.received();
    CountDownLatch done = sink.expect(before + bytes);
    long start = System.nanoTime();
    long deadline = start + PHASE_LIMIT_NANOS;
    long sent = 0;
    try (Socket socket = connect(target)) {
      OutputStream out = socket.getOutputStream();
      while (sent < bytes && System.nanoTime() < deadline) {
        out.write(block);
        sent += block.length;
      }
      done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return (sink.received() - before) * 1e3 / (System.nanoTime() - start);
    }
  }

  private static void heap(ToxiproxyClient client, ProxyProcess proxyProcess, InetSocketAddress echo, long idleHeap)
      throws Exception {
    List<Socket> open = new ArrayList<>();
    try {
      for (int p = 0; p < HEAP_PROXIES; p++) {
        InetSocketAddress proxied = Wire.address(client.createProxy("heap-" + p, "127.0.0.1:0", address(echo)));
        for (int c = 0; c < CONNECTIONS_PER_PROXY; c++) {
          Socket socket = connect(proxied);
          open.add(socket);
          socket.getOutputStream().write(new byte[MESSAGE]);
          new DataInputStream(socket.getInputStream()).readFully(new byte[MESSAGE]);
        }
      }
      long heap = proxyProcess.heapUsedKib();
      System.out.printf(Locale.ROOT, "| proxy heap after full GC, idle | %d KiB |%n", idleHeap);
      System.out.printf(Locale.ROOT, "| proxy heap after full GC, %d proxies + %d open connections | %d KiB "
          + "(%.1f KiB per connection) |%n", HEAP_PROXIES, open.size(), heap, (heap - idleHeap) / (double) open.size());
      System.out.printf(Locale.ROOT, "| proxy process then: RSS %s, threads %s |%n", proxyProcess.status("VmRSS"),
          proxyProcess.status("Threads"));
    } finally {
      for (Socket socket : open) {
        socket.close();
      }
    }
  }

  private static Socket connect(InetSocketAddress target) throws IOException {
    Socket socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(target, 5_000);
    socket.setSoTimeout(10_000);
    return socket;
  }

  private interface Measurement {
    double run() throws Exception;
  }

  /** Three runs of each, alternating direct and proxied. */
  private static double[][] interleaved(Measurement direct, Measurement proxied) throws Exception {
    double[][] runs = new double[2][3];
    for (int i = 0; i < 3; i++) {
      runs[0][i] = direct.run();
      runs[1][i] = proxied.run();
    }
    return runs;
  }

  private static double median(double[] runs) {
    double[] sorted = runs.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static void report(String what, double direct, double proxied) {
    System.out.printf(Locale.ROOT, "| %s | direct %.1f | proxied %.1f | %s |%n", what, direct, proxied,
        what.contains("µs") ? String.format(Locale.ROOT, "added %.1f µs", proxied - direct)
            : String.format(Locale.ROOT, "%.0f %% of direct", 100 * proxied / direct));
  }

  private static long percentile(long[] samples, double fraction) {
    long[] sorted = samples.clone();
    Arrays.sort(sorted);
    return sorted[Math.max(0, (int) Math.ceil(fraction * sorted.length) - 1)];
  }

  private static double perSecond(long[] samples) {
    return samples.length * 1e9 / Arrays.stream(samples).sum();
  }

  private static double micros(long nanos) {
    return nanos / 1_000.0;
  }

  private static String address(InetSocketAddress address) {
    return "127.0.0.1:" + address.getPort();
  }

}
