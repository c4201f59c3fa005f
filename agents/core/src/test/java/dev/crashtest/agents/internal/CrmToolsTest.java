package dev.crashtest.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crashtest.agents.testing.RecordingServer;
import dev.crashtest.agents.testing.RecordingServer.Recorded;
import dev.crashtest.agents.testing.RecordingServer.Reply;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrmToolsTest {
  static final String QUOTE = "{\"quoteId\":\"Q-1\",\"accountId\":\"ACME-001\",\"sku\":\"LAPTOP-14\",\"quantity\":5,"
      + "\"unitPrice\":1000,\"total\":5000,\"status\":\"OPEN\"}";
  static final String CREATE_QUOTE_ARGS = "{\"account_id\":\"ACME-001\",\"sku\":\"LAPTOP-14\",\"quantity\":5}";

  @TempDir Path dir;
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final AtomicInteger exchanges = new AtomicInteger();
  private RecordingServer server;

  @AfterEach
  void stop() {
    server.close();
  }

  /** One server that is identity provider and CRM; {@code crm} answers every CRM request. */
  private CrmTools toolsAnswering(Function<Recorded, Reply> crm) throws Exception {
    server = RecordingServer.start(request -> {
      if (request.path().endsWith("openid-configuration")) {
        return Reply.json(200, "{\"token_endpoint\":\"" + server.baseUrl() + "/token\"}");
      }
      if (request.path().equals("/token")) {
        return Reply.json(200, "{\"access_token\":\"delegated-" + exchanges.incrementAndGet() + "\","
            + "\"token_type\":\"Bearer\",\"expires_in\":300}");
      }
      return crm.apply(request);
    });
    return new CrmTools(new CrmClient(HttpClient.newHttpClient(), server.baseUrl(), waits::add));
  }

  private TokenSource tokens() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), "s");
    return new TokenSource(new TokenExchange(HttpClient.newHttpClient(), server.baseUrl(), "agent-1", secret,
        Clock.systemUTC()), "user-jwt", Clock.systemUTC());
  }

  @Test
  void create_quote_posts_the_contract_body_with_the_idempotency_key() throws Exception {
    CrmTools tools = toolsAnswering(request -> Reply.json(201, QUOTE));

    String result = tools.execute(new ToolCall("T-1", 2, "create_quote", CREATE_QUOTE_ARGS), tokens());

    Recorded post = server.requests("POST", "/quotes").get(0);
    assertThat(Json.parse(post.body())).as("body")
        .isEqualTo(Json.parse("{\"accountId\":\"ACME-001\",\"sku\":\"LAPTOP-14\",\"quantity\":5}"));
    assertThat(post.header("Idempotency-Key")).as("Idempotency-Key").isEqualTo("T-1/2/create_quote");
    assertThat(post.header("Authorization")).as("delegated token").isEqualTo("Bearer delegated-1");
    assertThat(result).as("tool result").isEqualTo(QUOTE);
  }

  @Test
  void get_account_carries_no_idempotency_key() throws Exception {
    CrmTools tools = toolsAnswering(request -> Reply.json(200, "{\"accountId\":\"ACME-001\"}"));

    tools.execute(new ToolCall("T-1", 1, "get_account", "{\"account_id\":\"ACME-001\"}"), tokens());

    assertThat(server.requests("GET", "/accounts/ACME-001")).as("GET").singleElement()
        .extracting(request -> request.header("Idempotency-Key")).as("Idempotency-Key").isNull();
  }

  @Test
  void place_order_and_add_note_use_their_own_steps_in_the_key() throws Exception {
    CrmTools tools = toolsAnswering(request -> Reply.json(201, "{}"));
    TokenSource tokens = tokens();

    tools.execute(new ToolCall("T-1", 4, "place_order", "{\"quote_id\":\"Q-1\"}"), tokens);
    tools.execute(new ToolCall("T-1", 5, "add_note", "{\"account_id\":\"ACME-001\",\"text\":\"ordered\"}"), tokens);

    assertThat(server.requests("POST", "/orders").get(0).header("Idempotency-Key")).as("order key")
        .isEqualTo("T-1/4/place_order");
    Recorded note = server.requests("POST", "/accounts/ACME-001/notes").get(0);
    assertThat(note.header("Idempotency-Key")).as("note key").isEqualTo("T-1/5/add_note");
    assertThat(Json.parse(note.body())).as("note body").isEqualTo(Json.parse("{\"text\":\"ordered\"}"));
  }

  @Test
  void crm_client_error_is_handed_to_the_model_as_the_error_body() throws Exception {
    String notFound = "{\"error\":\"not_found\",\"message\":\"no account [NOPE]\"}";
    CrmTools tools = toolsAnswering(request -> Reply.json(404, notFound));

    String result = tools.execute(new ToolCall("T-1", 1, "get_account", "{\"account_id\":\"NOPE\"}"), tokens());

    assertThat(Json.parse(result)).as("tool result").isEqualTo(Json.parse("{\"error\":" + notFound + "}"));
  }

  @Test
  void crm_server_error_is_retried_with_the_same_idempotency_key() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CrmTools tools = toolsAnswering(request -> calls.incrementAndGet() <= 2
        ? Reply.json(503, "{\"error\":\"unavailable\"}") : Reply.json(201, QUOTE));

    tools.execute(new ToolCall("T-1", 2, "create_quote", CREATE_QUOTE_ARGS), tokens());

    assertThat(server.requests("POST", "/quotes")).as("attempts").hasSize(3)
        .extracting(request -> request.header("Idempotency-Key")).containsOnly("T-1/2/create_quote");
    assertThat(waits).as("waits between attempts").hasSize(2);
  }

  @Test
  void crm_that_keeps_failing_fails_the_tool_after_five_retries() throws Exception {
    CrmTools tools = toolsAnswering(request -> Reply.json(500, "{}"));

    assertThatThrownBy(() -> tools.execute(new ToolCall("T-1", 4, "place_order", "{\"quote_id\":\"Q-1\"}"), tokens()))
        .as("sixth 500")
        .isInstanceOf(CrmFailedException.class)
        .hasMessage("CRM [POST /orders] failed 6 times; last: HTTP 500");
  }

  @Test
  void crm_401_makes_one_new_exchange_and_one_more_call() throws Exception {
    CrmTools tools = toolsAnswering(request -> request.header("Authorization").equals("Bearer delegated-1")
        ? Reply.json(401, "{\"error\":\"invalid_token\",\"message\":\"expired\"}") : Reply.json(201, QUOTE));

    String result = tools.execute(new ToolCall("T-1", 2, "create_quote", CREATE_QUOTE_ARGS), tokens());

    assertThat(result).as("tool result after refresh").isEqualTo(QUOTE);
    assertThat(exchanges).as("token exchanges").hasValue(2);
  }

  @Test
  void second_401_fails_the_task_without_a_third_exchange() throws Exception {
    CrmTools tools = toolsAnswering(request -> Reply.json(401, "{\"error\":\"invalid_token\",\"message\":\"bad\"}"));

    assertThatThrownBy(() -> tools.execute(new ToolCall("T-1", 1, "get_account", "{\"account_id\":\"A\"}"),
        tokens()))
        .isInstanceOf(CrmFailedException.class)
        .hasMessage("CRM refused [GET /accounts/A]: HTTP 401 {\"error\":\"invalid_token\",\"message\":\"bad\"};"
            + " the agent no longer has the authority this task needs");
    assertThat(exchanges).as("token exchanges").hasValue(2);
  }

  @Test
  void insufficient_scope_fails_the_task_at_once() throws Exception {
    CrmTools tools = toolsAnswering(request -> Reply.json(403, "{\"error\":\"insufficient_scope\"}"));

    assertThatThrownBy(() -> tools.execute(new ToolCall("T-1", 4, "place_order", "{\"quote_id\":\"Q-1\"}"), tokens()))
        .isInstanceOf(CrmFailedException.class)
        .hasMessageStartingWith("CRM refused [POST /orders]: HTTP 403");
    assertThat(exchanges).as("token exchanges").hasValue(1);
  }

  @Test
  void missing_argument_is_reported_to_the_model_without_calling_the_crm() throws Exception {
    CrmTools tools = toolsAnswering(request -> Reply.json(201, "{}"));

    String result = tools.execute(new ToolCall("T-1", 2, "create_quote", "{\"account_id\":\"A\"}"), tokens());

    assertThat(Json.parse(result)).as("tool result").isEqualTo(Json.parse(
        "{\"error\":{\"error\":\"invalid_arguments\",\"message\":\"missing argument [sku]\"}}"));
    assertThat(server.requests("POST", "/quotes")).as("CRM calls").isEmpty();
  }
}
