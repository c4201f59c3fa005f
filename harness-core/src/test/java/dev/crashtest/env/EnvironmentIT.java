package dev.crashtest.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crashtest.history.OpType;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EnvironmentIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void every_service_answers_on_loopback_once_started() throws Exception {
    try (Environment env = Environment.embedded().withSeed(3).start()) {
      assertThat(env.agentEnvironment()).as("contract environment").allSatisfy((name, value) ->
          assertThat(value).as(name).doesNotContain("localhost"));
      assertThat(get(env.modelBaseUrl() + "/models", "Bearer " + Environment.MODEL_API_KEY)).as("model").isEqualTo(200);
      assertThat(get(env.identityIssuer() + "/.well-known/openid-configuration", null)).as("identity").isEqualTo(200);
      assertThat(get(env.crmBaseUrl() + "/audit", null)).as("crm").isEqualTo(200);
      assertThat(env.crmBaseUrl().getHost()).isEqualTo("127.0.0.1");
    }
  }

  @Test
  void close_frees_every_port_and_deletes_the_temporary_directory() throws Exception {
    Environment env = Environment.embedded().start();
    URI crm = env.crmBaseUrl();
    URI model = env.modelBaseUrl();
    Path work = env.workDirectory();

    env.close();

    assertThatThrownBy(() -> get(crm + "/audit", null)).as("crm after close").isInstanceOf(ConnectException.class);
    assertThatThrownBy(() -> get(model + "/models", null)).as("model after close").isInstanceOf(ConnectException.class);
    assertThat(Files.exists(work)).as("temporary work directory " + work).isFalse();
  }

  @Test
  void services_feed_one_history() throws Exception {
    try (Environment env = Environment.embedded().start()) {
      String token = env.issueUserToken("alice");
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(env.crmBaseUrl().resolve("/accounts/ACME-001"))
          .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());

      // The CRM accepts the user's raw token, so the attribution check can flag borrowed credentials.
      assertThat(response.statusCode()).as("the user's own token at the CRM: %s", response.body())
          .isEqualTo(200);
      assertThat(env.history().ops()).as("history").anySatisfy(op -> {
        assertThat(op.service()).isEqualTo("identity");
        assertThat(op.operation()).isEqualTo("user_token");
      }).anySatisfy(op -> {
        assertThat(op.service()).isEqualTo("crm");
        assertThat(op.operation()).isEqualTo("get_account");
        assertThat(op.type()).isEqualTo(OpType.OK);
        assertThat(op.details()).as("no act: not a delegated token").containsEntry("delegated", false)
            .containsEntry("user", "alice");
      });
    }
  }

  @Test
  void a_service_account_token_for_the_crm_is_served_and_audited_as_not_delegated() throws Exception {
    try (Environment env = Environment.embedded().start()) {
      String secret = env.identityProvider().registerClient("ghost-service-account");
      String basic = java.util.Base64.getEncoder().encodeToString(
          ("ghost-service-account:" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(env.identityProvider().tokenEndpoint())
          .header("Authorization", "Basic " + basic)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&audience=crm&scope=crm.read"))
          .build(), HttpResponse.BodyHandlers.ofString());
      String accessToken = token.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");

      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(env.crmBaseUrl().resolve("/accounts/ACME-001"))
          .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as("a client_credentials token at the CRM: %s", response.body())
          .isEqualTo(200);
      assertThat(env.crm().audit()).as("audit").last().satisfies(record -> {
        assertThat(record.agent()).isEqualTo("ghost-service-account");
        assertThat(record.delegated()).isFalse();
      });
    }
  }

  private static int get(String url, String authorization) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
