package dev.crashtest.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.agents.testing.MutableClock;
import dev.crashtest.agents.testing.RecordingServer;
import dev.crashtest.agents.testing.RecordingServer.Reply;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenExchangeTest {
  @TempDir Path dir;
  private final AtomicReference<Reply> tokenReply = new AtomicReference<>(
      Reply.json(200, "{\"access_token\":\"delegated-1\",\"token_type\":\"Bearer\",\"expires_in\":120,"
          + "\"issued_token_type\":\"urn:ietf:params:oauth:token-type:access_token\"}"));
  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private RecordingServer idp;
  private Path secret;
  private TokenExchange exchange;

  @BeforeEach
  void start() throws Exception {
    idp = RecordingServer.start(request -> request.path().endsWith("/.well-known/openid-configuration")
        ? Reply.json(200, "{\"issuer\":\"x\",\"token_endpoint\":\"" + idp.baseUrl() + "/default/token\"}")
        : tokenReply.get());
    secret = Files.writeString(dir.resolve("secret"), "s3cret\n");
    exchange = new TokenExchange(HttpClient.newHttpClient(), URI.create(idp.baseUrl() + "/default"), "agent-1",
        secret, clock);
  }

  @AfterEach
  void stop() {
    idp.close();
  }

  @Test
  void exchange_posts_the_contract_form_with_client_secret_basic() throws Exception {
    DelegatedToken token = exchange.exchange("user-jwt");

    RecordingServer.Recorded post = idp.requests("POST", "/default/token").get(0);
    assertThat(post.header("Content-Type")).as("content type").isEqualTo("application/x-www-form-urlencoded");
    assertThat(post.header("Authorization")).as("client_secret_basic")
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("agent-1:s3cret".getBytes(StandardCharsets.UTF_8)));
    assertThat(form(post.body())).as("form").containsExactlyInAnyOrderEntriesOf(Map.of(
        "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
        "subject_token", "user-jwt",
        "subject_token_type", "urn:ietf:params:oauth:token-type:jwt",
        "audience", "crm",
        "scope", "crm.read crm.write"));
    assertThat(token.accessToken()).as("access token").isEqualTo("delegated-1");
    assertThat(token.expiresAt()).as("expiry").isEqualTo(clock.instant().plusSeconds(120));
  }

  @Test
  void discovery_happens_at_the_issuer_well_known_address() throws Exception {
    exchange.exchange("user-jwt");

    assertThat(idp.requests("GET", "/default/.well-known/openid-configuration")).as("discovery").hasSize(1);
  }

  @Test
  void secret_is_read_again_at_every_exchange() throws Exception {
    exchange.exchange("user-jwt");
    Files.writeString(secret, "rotated\n");
    exchange.exchange("user-jwt");

    assertThat(idp.requests("POST", "/default/token").get(1).header("Authorization")).as("after rotation")
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("agent-1:rotated".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void wrong_secret_says_which_file_to_check_without_showing_the_secret() {
    tokenReply.set(Reply.json(401, "{\"error\":\"invalid_client\"}"));

    assertThatThrownBy(() -> exchange.exchange("user-jwt"))
        .as("invalid_client")
        .isInstanceOf(TokenExchangeException.class)
        .hasMessage("token exchange refused: HTTP 401 [invalid_client] (the client secret is wrong: "
            + "check HARNESS_AGENT_CLIENT_SECRET_FILE)")
        .message().doesNotContain("s3cret");
  }

  @Test
  void expired_user_token_is_reported_as_invalid_grant() {
    tokenReply.set(Reply.json(400, "{\"error\":\"invalid_grant\"}"));

    assertThatThrownBy(() -> exchange.exchange("user-jwt"))
        .as("invalid_grant")
        .hasMessage("token exchange refused: HTTP 400 [invalid_grant] (the user's token is expired or not signed "
            + "by the identity provider)");
  }

  @Test
  void token_source_exchanges_again_only_when_the_token_expires_within_ten_seconds() throws Exception {
    TokenSource tokens = new TokenSource(exchange, "user-jwt", clock);
    tokens.current();
    clock.advance(Duration.ofSeconds(109));
    tokens.current();
    assertThat(idp.requests("POST", "/default/token")).as("exchanges with 11 s left").hasSize(1);

    clock.advance(Duration.ofSeconds(1));
    tokens.current();
    assertThat(idp.requests("POST", "/default/token")).as("exchanges with 10 s left").hasSize(2);
  }

  @Test
  void delegated_token_never_shows_itself_in_to_string() {
    assertThat(new DelegatedToken("eyJsecret", Instant.EPOCH).toString()).as("toString").doesNotContain("eyJsecret");
  }

  private static Map<String, String> form(String body) {
    return Arrays.stream(body.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
        pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
        pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
  }
}
