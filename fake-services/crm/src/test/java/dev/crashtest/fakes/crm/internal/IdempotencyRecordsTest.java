package dev.crashtest.fakes.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdempotencyRecordsTest {

  @Test
  void same_json_with_other_key_order_and_spacing_is_the_same_request() {
    assertThat(fingerprint("POST", "/quotes", "{\"a\":1,\"b\":{\"y\":2,\"x\":[1,2]}}"))
        .as("fingerprint of reordered JSON")
        .isEqualTo(fingerprint("POST", "/quotes", " { \"b\" : {\"x\":[1, 2], \"y\":2}, \"a\": 1 } "));
  }

  @Test
  void another_body_path_or_method_is_another_request() {
    String original = fingerprint("POST", "/quotes", "{\"a\":1}");

    assertThat(fingerprint("POST", "/quotes", "{\"a\":2}")).as("other body").isNotEqualTo(original);
    assertThat(fingerprint("POST", "/orders", "{\"a\":1}")).as("other path").isNotEqualTo(original);
    assertThat(fingerprint("PUT", "/quotes", "{\"a\":1}")).as("other method").isNotEqualTo(original);
    assertThat(fingerprint("POST", "/quotes", "{\"a\":[1,2]}")).as("array order matters")
        .isNotEqualTo(fingerprint("POST", "/quotes", "{\"a\":[2,1]}"));
  }

  @Test
  void a_body_that_is_not_json_is_compared_as_text() {
    assertThat(fingerprint("POST", "/quotes", "{oops")).as("same broken body")
        .isEqualTo(fingerprint("POST", "/quotes", "{oops"))
        .isNotEqualTo(fingerprint("POST", "/quotes", "{oops "));
  }

  private static String fingerprint(String method, String path, String body) {
    return IdempotencyRecords.fingerprint(method, path, body.getBytes(StandardCharsets.UTF_8));
  }
}
