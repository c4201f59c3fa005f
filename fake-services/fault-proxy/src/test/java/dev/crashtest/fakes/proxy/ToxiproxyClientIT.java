package dev.crashtest.fakes.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Bandwidth;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.LimitData;
import eu.rekawek.toxiproxy.model.toxic.ResetPeer;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import eu.rekawek.toxiproxy.model.toxic.SlowClose;
import eu.rekawek.toxiproxy.model.toxic.Timeout;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official toxiproxy-java client against the embedded proxy: every operation it offers. */
@org.junit.jupiter.api.Timeout(30)
class ToxiproxyClientIT {
  private FaultProxyServer server;
  private ToxiproxyClient client;
  private TestUpstream echo;

  @BeforeEach
  void start() throws IOException {
    server = FaultProxyServer.builder().withRandom(new Random(7)).start();
    client = new ToxiproxyClient(server.baseUrl().getHost(), server.port());
    echo = TestUpstream.echo();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    echo.close();
  }

  @Test
  void created_proxy_shows_the_real_port_it_listens_on() throws IOException {
    Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());

    assertThat(proxy.getName()).as("name").isEqualTo("echo");
    assertThat(proxy.getListen()).as("listen").matches("127\\.0\\.0\\.1:\\d+").isNotEqualTo("127.0.0.1:0");
    assertThat(proxy.getUpstream()).as("upstream").isEqualTo(echo.address());
    assertThat(proxy.isEnabled()).as("enabled").isTrue();
    assertThat(Wire.roundTrip(proxy, "ping")).as("echo through the proxy").isEqualTo("ping");
  }

  @Test
  void proxies_are_listed_and_read_back_by_name_even_with_a_colon() throws IOException {
    client.createProxy("redis:6379", "127.0.0.1:0", echo.address());
    client.createProxy("crm", "127.0.0.1:0", echo.address());

    assertThat(client.getProxies()).extracting(Proxy::getName).as("names in order")
        .containsExactly("crm", "redis:6379");
    assertThat(client.getProxy("redis:6379").getUpstream()).as("upstream read by name").isEqualTo(echo.address());
    assertThat(client.getProxyOrNull("missing")).as("unknown proxy").isNull();
  }

  @Test
  void disabled_proxy_refuses_connections_until_enabled_again() throws IOException {
    Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());
    InetSocketAddress address = Wire.address(proxy);

    proxy.disable();

    assertThat(proxy.isEnabled()).as("enabled after disable").isFalse();
    assertThat(client.getProxy("echo").getListen()).as("listen kept while disabled").isEqualTo(proxy.getListen());
    assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close())
        .as("connect to a disabled proxy").isInstanceOf(ConnectException.class);

    proxy.enable();

    assertThat(proxy.isEnabled()).as("enabled after enable").isTrue();
    assertThat(Wire.roundTrip(proxy, "back")).as("echo after enable").isEqualTo("back");
  }

  @Test
  void changing_the_upstream_sends_new_connections_there() throws IOException {
    Proxy proxy = client.createProxy("echo", "127.0.0.1:0", "127.0.0.1:1");
    try (TestUpstream greeter = TestUpstream.greeting("hello".getBytes())) {
      proxy.setUpstream(greeter.address());

      assertThat(proxy.getUpstream()).as("upstream").isEqualTo(greeter.address());
      assertThat(Wire.readAll(proxy)).as("what the new upstream says").isEqualTo("hello");
    }
  }

  @Test
  void changing_listen_moves_the_proxy_to_the_new_port() throws IOException {
    Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());
    String before = proxy.getListen();

    proxy.setListen("127.0.0.1:0");

    assertThat(proxy.getListen()).as("new listen").isNotEqualTo(before).matches("127\\.0\\.0\\.1:\\d+");
    assertThat(Wire.roundTrip(proxy, "moved")).as("echo on the new port").isEqualTo("moved");
  }

  @Test
  void latency_toxic_is_added_read_back_updated_and_removed() throws IOException {
    Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());

    Latency latency = proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 100);
    latency.setJitter(15).setLatency(120);

    Latency read = proxy.toxics().get("slow", Latency.class);
    assertThat(List.of(read.getLatency(), read.getJitter())).as("latency, jitter").containsExactly(120L, 15L);
    assertThat(read.getStream()).as("stream").isEqualTo(ToxicDirection.DOWNSTREAM);
    assertRemoved(proxy, read);
  }

  @Test
  void bandwidth_toxic_is_added_read_back_updated_and_removed() throws IOException {
    Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());

    proxy.toxics().bandwidth("narrow", ToxicDirection.UPSTREAM, 10).setRate(20);

    Bandwidth read = proxy.toxics().get("narrow", Bandwidth.class);
    assertThat(read.getRate()).as("rate").isEqualTo(20);
    assertThat(read.getStream()).as("stream").isEqualTo(ToxicDirection.UPSTREAM);
    assertRemoved(proxy, read);
  }

  @Test
  void slow_close_toxic_is_added_read_back_updated_and_removed() throws IOException {
    Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());

    proxy.toxics().slowClose("lingering", ToxicDirection.DOWNSTREAM, 100).setDelay(250);

    SlowClose read = proxy.toxics().get("lingering", SlowClose.class);
    assertThat(read.getDelay()).as("delay").isEqualTo(250);
    assertRemoved(proxy, read);
  }

  @Test
  void timeout_toxic_is_added_read_back_updated_and_removed() throws IOException {
    Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());

    proxy.toxics().timeout("hang", ToxicDirection.UPSTREAM, 0).setTimeout(1500);

    Timeout read = proxy.toxics().get("hang", Timeout.class);
    assertThat(read.getTimeout()).as("timeout").isEqualTo(1500);
    assertRemoved(proxy, read);
  }

  @Test
  void reset_peer_toxic_is_added_read_back_updated_and_removed() throws IOException {
    Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());

    proxy.toxics().resetPeer("rst", ToxicDirection.UPSTREAM, 0).setTimeout(300);

    ResetPeer read = proxy.toxics().get("rst", ResetPeer.class);
    assertThat(read.getTimeout()).as("timeout").isEqualTo(300);
    assertRemoved(proxy, read);
  }

  @Test
  void slicer_toxic_is_added_read_back_updated_and_removed() throws IOException {
    Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());

    proxy.toxics().slicer("pieces", ToxicDirection.DOWNSTREAM, 64, 10).setSizeVariation(8).setAverageSize(32);

    Slicer read = proxy.toxics().get("pieces", Slicer.class);
    assertThat(List.of(read.getAverageSize(), read.getSizeVariation(), read.getDelay()))
        .as("average_size, size_variation, delay").containsExactly(32L, 8L, 10L);
    assertRemoved(proxy, read);
  }

  @Test
  void limit_data_toxic_is_added_read_back_updated_and_removed() throws IOException {
    Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());

    proxy.toxics().limitData("cap", ToxicDirection.DOWNSTREAM, 100).setBytes(2048);

    LimitData read = proxy.toxics().get("cap", LimitData.class);
    assertThat(read.getBytes()).as("bytes").isEqualTo(2048);
    assertRemoved(proxy, read);
  }

  @Test
  void toxicity_is_updated_on_its_own() throws IOException {
    Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());
    proxy.toxics().latency("sometimes", ToxicDirection.UPSTREAM, 50).setToxicity(0.25f);

    Latency read = proxy.toxics().get("sometimes", Latency.class);

    assertThat(read.getToxicity()).as("toxicity").isEqualTo(0.25f);
    assertThat(read.getLatency()).as("latency kept").isEqualTo(50);
  }

  @Test
  void toxics_are_listed_upstream_first_in_the_order_added() throws IOException {
    Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());
    proxy.toxics().latency("down-1", ToxicDirection.DOWNSTREAM, 1);
    proxy.toxics().latency("up-1", ToxicDirection.UPSTREAM, 1);
    proxy.toxics().limitData("down-2", ToxicDirection.DOWNSTREAM, 1);

    assertThat(proxy.toxics().getAll()).extracting(Toxic::getName).as("toxic names")
        .containsExactly("up-1", "down-1", "down-2");
  }

  @Test
  void reset_enables_every_proxy_and_removes_every_toxic() throws IOException {
    Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());
    proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 1000);
    proxy.disable();

    client.reset();

    assertThat(proxy.isEnabled()).as("enabled after reset (client refreshed it)").isTrue();
    assertThat(proxy.toxics().getAll()).as("toxics after reset").isEmpty();
    assertThat(Wire.roundTrip(proxy, "clean")).as("echo after reset").isEqualTo("clean");
  }

  @Test
  void version_is_toxiproxy_json() throws IOException {
    assertThat(client.version()).as("version").isEqualTo("{\"version\": \"2.12.0+crashtest\"}");
  }

  @Test
  void client_errors_carry_toxiproxy_status_and_message() throws IOException {
    Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());
    proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 10);

    assertThatThrownBy(() -> client.createProxy("echo", "127.0.0.1:0", echo.address())).as("duplicate proxy")
        .isInstanceOf(IOException.class).hasMessage("[409] proxy already exists");
    assertThatThrownBy(() -> client.getProxy("missing")).as("unknown proxy")
        .isInstanceOf(IOException.class).hasMessage("[404] proxy not found");
    assertThatThrownBy(() -> proxy.toxics().get("missing")).as("unknown toxic")
        .isInstanceOf(IOException.class).hasMessage("[404] toxic not found");
    assertThatThrownBy(() -> proxy.toxics().latency("slow", ToxicDirection.UPSTREAM, 10)).as("duplicate toxic")
        .isInstanceOf(IOException.class).hasMessage("[409] toxic already exists");
  }

  @Test
  void deleted_proxy_is_gone_and_deleting_it_again_is_a_404() throws IOException {
    Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());

    proxy.delete();

    assertThat(client.getProxies()).as("proxies").isEmpty();
    assertThatThrownBy(proxy::delete).as("second delete").isInstanceOf(IOException.class);
  }

  private static void assertRemoved(Proxy proxy, Toxic toxic) throws IOException {
    assertThat(proxy.toxics().getAll()).extracting(Toxic::getName).as("toxics before removal")
        .containsExactly(toxic.getName());
    toxic.remove();
    assertThat(proxy.toxics().getAll()).as("toxics after removal").isEmpty();
  }
}
