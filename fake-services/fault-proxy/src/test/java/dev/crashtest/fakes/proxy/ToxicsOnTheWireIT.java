package dev.crashtest.fakes.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One test per toxic (and per proxy state) asserting what a client actually sees on the wire.
 *
 * <p>Times: a lower bound proves the toxic's effect (the answer waited at least the latency); an upper bound only
 * proves that something did not happen (the toxic's wait, a hang until the read timeout), so it is the toxic's own
 * size or {@link #GENEROUS_MS}, far above what a loaded 2-core machine takes. How fast the proxy is, is a benchmark
 * figure (docs/benchmarks.md, "Fault proxy"), not an assertion.
 */
@Timeout(60)
class ToxicsOnTheWireIT {
  /** An upper bound no loopback round trip reaches on a loaded machine, well under the 10 s read timeout. */
  private static final long GENEROUS_MS = 5_000;

  private FaultProxyServer server;
  private ToxiproxyClient client;
  private TestUpstream echo;
  private Proxy proxy;

  @BeforeEach
  void start() throws IOException {
    server = FaultProxyServer.builder().withRandom(new Random(11)).start();
    client = new ToxiproxyClient(server.baseUrl().getHost(), server.port());
    echo = TestUpstream.echo();
    proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    echo.close();
  }

  @Test
  void latency_delays_each_answer_by_the_latency() throws IOException {
    proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 200);
    try (Socket socket = Wire.connect(proxy)) {
      long start = System.nanoTime();

      assertThat(Wire.roundTrip(socket, "ping")).as("answer").isEqualTo("ping");

      assertThat(millisSince(start)).as("round trip in ms with 200 ms latency").isBetween(200L, 200 + GENEROUS_MS);
    }
  }

  @Test
  void latency_toxics_in_a_chain_add_up() throws IOException {
    proxy.toxics().latency("slow-1", ToxicDirection.DOWNSTREAM, 100);
    proxy.toxics().latency("slow-2", ToxicDirection.DOWNSTREAM, 100);
    proxy.toxics().latency("slow-up", ToxicDirection.UPSTREAM, 100);
    long start = System.nanoTime();

    assertThat(Wire.roundTrip(proxy, "ping")).as("answer").isEqualTo("ping");

    assertThat(millisSince(start)).as("round trip in ms through 3 x 100 ms").isBetween(300L, 300 + GENEROUS_MS);
  }

  @Test
  void toxic_added_or_removed_changes_an_open_connection() throws IOException {
    try (Socket socket = Wire.connect(proxy)) {
      assertThat(Wire.roundTrip(socket, "before")).as("answer before").isEqualTo("before");

      proxy.toxics().latency("slow", ToxicDirection.UPSTREAM, 2_000);
      long withToxic = System.nanoTime();
      assertThat(Wire.roundTrip(socket, "during")).as("answer with toxic").isEqualTo("during");
      long delayed = millisSince(withToxic);

      proxy.toxics().get("slow").remove();
      long afterRemoval = System.nanoTime();
      assertThat(Wire.roundTrip(socket, "after")).as("answer after removal").isEqualTo("after");

      assertThat(delayed).as("ms with a 2,000 ms toxic added to the open connection").isGreaterThanOrEqualTo(2_000);
      assertThat(millisSince(afterRemoval)).as("ms after removing it (less than the toxic's 2,000)").isLessThan(2_000);
    }
  }

  @Test
  void toxicity_zero_leaves_connections_alone() throws IOException {
    proxy.toxics().latency("never", ToxicDirection.DOWNSTREAM, 20_000).setToxicity(0f);
    long start = System.nanoTime();

    assertThat(Wire.roundTrip(proxy, "ping")).as("answer").isEqualTo("ping");

    assertThat(millisSince(start)).as("ms with toxicity 0 (less than the toxic's 20,000)").isLessThan(GENEROUS_MS);
  }

  @Test
  void bandwidth_limits_the_rate_to_the_given_kilobytes_per_second() throws IOException {
    proxy.toxics().bandwidth("narrow", ToxicDirection.DOWNSTREAM, 100); // 100 KB/s = 100,000 bytes/s
    byte[] payload = new byte[50_000];
    new Random(3).nextBytes(payload);
    try (Socket socket = Wire.connect(proxy)) {
      long start = System.nanoTime();
      socket.getOutputStream().write(payload);
      byte[] answer = new byte[payload.length];
      new DataInputStream(socket.getInputStream()).readFully(answer);
      long elapsed = millisSince(start);

      assertThat(answer).as("bytes through the bandwidth toxic").isEqualTo(payload);
      assertThat(elapsed).as("ms for 50,000 bytes at 100 KB/s").isBetween(450L, 500 + GENEROUS_MS);
    }
  }

  @Test
  void bandwidth_of_zero_stalls_until_the_rate_is_raised() throws IOException {
    proxy.toxics().bandwidth("stalled", ToxicDirection.DOWNSTREAM, 0);
    try (Socket socket = Wire.connect(proxy)) {
      socket.getOutputStream().write("ping".getBytes(StandardCharsets.UTF_8));
      socket.setSoTimeout(300);
      assertThatThrownBy(() -> socket.getInputStream().read()).as("read while stalled")
          .isInstanceOf(SocketTimeoutException.class);

      proxy.toxics().get("stalled", eu.rekawek.toxiproxy.model.toxic.Bandwidth.class).setRate(1000);

      socket.setSoTimeout(Wire.READ_TIMEOUT_MS);
      byte[] answer = new byte[4];
      new DataInputStream(socket.getInputStream()).readFully(answer);
      assertThat(new String(answer, StandardCharsets.UTF_8)).as("answer once the rate is raised").isEqualTo("ping");
    }
  }

  @Test
  void timeout_of_zero_hangs_and_removing_it_closes_the_connection() throws IOException {
    proxy.toxics().timeout("hang", ToxicDirection.UPSTREAM, 0);
    try (Socket socket = Wire.connect(proxy)) {
      socket.getOutputStream().write("ping".getBytes(StandardCharsets.UTF_8));
      socket.setSoTimeout(500);
      assertThatThrownBy(() -> socket.getInputStream().read()).as("read while hanging")
          .isInstanceOf(SocketTimeoutException.class);

      long removed = System.nanoTime();
      proxy.toxics().get("hang").remove();

      socket.setSoTimeout(Wire.READ_TIMEOUT_MS);
      assertThat(socket.getInputStream().read()).as("read after the toxic is removed (end of stream)").isEqualTo(-1);
      assertThat(millisSince(removed)).as("ms until closed (not the 10 s read timeout)").isLessThan(GENEROUS_MS);
      assertThat(echo.accepted()).as("upstream connections").isEqualTo(1);
    }
  }

  @Test
  void timeout_closes_the_connection_after_its_delay_without_passing_data() throws IOException {
    proxy.toxics().timeout("cut", ToxicDirection.DOWNSTREAM, 300);
    try (Socket socket = Wire.connect(proxy)) {
      long start = System.nanoTime();
      socket.getOutputStream().write("ping".getBytes(StandardCharsets.UTF_8));

      assertThat(Wire.readToEnd(socket.getInputStream())).as("bytes received").isEmpty();
      assertThat(millisSince(start)).as("ms until closed").isBetween(250L, 300 + GENEROUS_MS);
    }
  }

  @Test
  void reset_peer_resets_the_connection() throws IOException {
    proxy.toxics().resetPeer("rst", ToxicDirection.UPSTREAM, 0);
    try (Socket socket = Wire.connect(proxy)) {
      socket.getOutputStream().write("ping".getBytes(StandardCharsets.UTF_8));

      assertThatThrownBy(() -> socket.getInputStream().read()).as("read after the reset")
          .isInstanceOf(SocketException.class).hasMessage("Connection reset");
    }
  }

  @Test
  void reset_peer_waits_its_timeout_after_the_first_data() throws IOException {
    proxy.toxics().resetPeer("rst", ToxicDirection.DOWNSTREAM, 300);
    try (Socket socket = Wire.connect(proxy)) {
      long start = System.nanoTime();
      socket.getOutputStream().write("ping".getBytes(StandardCharsets.UTF_8));

      assertThatThrownBy(() -> socket.getInputStream().read()).as("read after the reset")
          .isInstanceOf(SocketException.class).hasMessage("Connection reset");
      assertThat(millisSince(start)).as("ms until reset").isBetween(250L, 300 + GENEROUS_MS);
    }
  }

  @Test
  void slicer_delivers_the_answer_in_small_pieces() throws IOException {
    proxy.toxics().slicer("pieces", ToxicDirection.DOWNSTREAM, 10, 20_000); // 10 bytes, 20 ms apart
    byte[] payload = new byte[100];
    Arrays.fill(payload, (byte) 'x');
    try (Socket socket = Wire.connect(proxy)) {
      socket.getOutputStream().write(payload);
      InputStream in = socket.getInputStream();
      List<Integer> reads = new ArrayList<>();
      byte[] buffer = new byte[200];
      int total = 0;
      while (total < payload.length && reads.size() < 200) {
        int read = in.read(buffer);
        assertThat(read).as("bytes of read " + (reads.size() + 1)).isPositive();
        reads.add(read);
        total += read;
      }

      assertThat(total).as("bytes received").isEqualTo(100);
      assertThat(reads).as("sizes of the reads").hasSizeGreaterThanOrEqualTo(8).allMatch(size -> size <= 10);
    }
  }

  @Test
  void limit_data_closes_the_connection_after_that_many_bytes() throws IOException {
    proxy.toxics().limitData("cap", ToxicDirection.DOWNSTREAM, 10);
    try (Socket socket = Wire.connect(proxy)) {
      socket.getOutputStream().write("0123456789abcdefghij".getBytes(StandardCharsets.UTF_8));

      byte[] received = Wire.readToEnd(socket.getInputStream());

      assertThat(new String(received, StandardCharsets.UTF_8)).as("bytes before the close").isEqualTo("0123456789");
    }
  }

  @Test
  void slow_close_delays_the_close_but_not_the_data() throws IOException {
    try (TestUpstream greeter = TestUpstream.greeting("hello".getBytes(StandardCharsets.UTF_8))) {
      proxy.setUpstream(greeter.address());
      proxy.toxics().slowClose("lingering", ToxicDirection.DOWNSTREAM, 2_000);
      try (Socket socket = Wire.connect(proxy)) {
        long start = System.nanoTime();
        byte[] greeting = new byte[5];
        new DataInputStream(socket.getInputStream()).readFully(greeting);
        long data = millisSince(start);
        int end = socket.getInputStream().read();
        long closed = millisSince(start);

        assertThat(new String(greeting, StandardCharsets.UTF_8)).as("greeting").isEqualTo("hello");
        assertThat(data).as("ms until the data (less than the toxic's 2,000)").isLessThan(2_000);
        assertThat(end).as("read after the data").isEqualTo(-1);
        assertThat(closed).as("ms until the close").isBetween(2_000L, 2_000 + GENEROUS_MS);
      }
    }
  }

  @Test
  void disabled_proxy_closes_open_connections_and_refuses_new_ones() throws IOException {
    try (Socket socket = Wire.connect(proxy)) {
      assertThat(Wire.roundTrip(socket, "ping")).as("answer before").isEqualTo("ping");

      proxy.disable();

      assertThat(socket.getInputStream().read()).as("open connection after disable").isEqualTo(-1);
      InetSocketAddress address = Wire.address(proxy);
      assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close())
          .as("new connection").isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void deleted_proxy_frees_its_port_at_once() throws IOException {
    InetSocketAddress address = Wire.address(proxy);
    try (Socket open = Wire.connect(proxy)) {
      assertThat(Wire.roundTrip(open, "ping")).as("answer before").isEqualTo("ping");

      proxy.delete();

      try (ServerSocket rebound = new ServerSocket()) {
        rebound.setReuseAddress(true);
        rebound.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), address.getPort()));
        assertThat(rebound.getLocalPort()).as("port bound again right after the delete").isEqualTo(address.getPort());
      }
      assertThat(open.getInputStream().read()).as("open connection after delete").isEqualTo(-1);
    }
  }

  @Test
  void upstream_is_dialled_only_when_a_client_connects() throws IOException {
    assertThat(echo.accepted()).as("upstream connections before any client").isZero();

    try (Socket socket = Wire.connect(proxy)) {
      assertThat(Wire.roundTrip(socket, "ping")).as("answer").isEqualTo("ping");
      assertThat(echo.accepted()).as("upstream connections with one client").isEqualTo(1);
    }
  }

  @Test
  void unreachable_upstream_closes_the_client() throws IOException {
    proxy.setUpstream("127.0.0.1:1");
    try (Socket socket = Wire.connect(proxy)) {
      assertThat(socket.getInputStream().read()).as("read from a proxy whose upstream is down").isEqualTo(-1);
    }
  }

  @Test
  void client_closing_closes_the_upstream_connection() throws IOException {
    try (TestUpstream counting = TestUpstream.echo()) {
      proxy.setUpstream(counting.address());
      Socket socket = Wire.connect(proxy);
      assertThat(Wire.roundTrip(socket, "ping")).as("answer").isEqualTo("ping");

      socket.close();

      await("upstream connection closed by the proxy").atMost(Duration.ofSeconds(5))
          .until(() -> counting.openConnections() == 0);
    }
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
