package dev.crashtest.fakes.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One proxy's connections are spread over several event loops; a toxic change reaches each of them once. */
@Timeout(30)
class ConnectionsAcrossLoopsIT {
  private static final int CONNECTIONS = 6;

  private FaultProxyServer server;
  private TestUpstream echo;
  private Proxy proxy;
  private final List<Socket> sockets = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = FaultProxyServer.builder().withEventLoops(3).withRandom(new Random(2)).start();
    echo = TestUpstream.echo();
    proxy = new ToxiproxyClient(server.baseUrl().getHost(), server.port())
        .createProxy("echo", "127.0.0.1:0", echo.address());
    for (int i = 0; i < CONNECTIONS; i++) {
      Socket socket = Wire.connect(proxy);
      sockets.add(socket);
      assertThat(Wire.roundTrip(socket, "hi")).as("answer on connection " + i).isEqualTo("hi");
    }
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    server.close();
    echo.close();
  }

  @Test
  void added_toxic_delays_every_open_connection_once_and_new_ones_too() throws IOException {
    proxy.toxics().latency("slow", ToxicDirection.UPSTREAM, 1_000);
    sockets.add(Wire.connect(proxy));

    for (Socket socket : sockets) {
      long start = System.nanoTime();
      assertThat(Wire.roundTrip(socket, "ping")).as("answer").isEqualTo("ping");
      // At least the latency proves the toxic reached the connection; twice it would mean applied twice. A loaded
      // machine can stretch a round trip, so the toxic is long enough that twice it stays out of reach.
      assertThat((System.nanoTime() - start) / 1_000_000).as("ms on connection " + sockets.indexOf(socket))
          .isBetween(1_000L, 1_999L);
    }
  }

  @Test
  void removing_a_timeout_closes_every_connection_it_held() throws IOException {
    proxy.toxics().timeout("hang", ToxicDirection.DOWNSTREAM, 0);

    proxy.toxics().get("hang").remove();

    for (Socket socket : sockets) {
      assertThat(socket.getInputStream().read()).as("read on connection " + sockets.indexOf(socket)).isEqualTo(-1);
    }
  }
}
