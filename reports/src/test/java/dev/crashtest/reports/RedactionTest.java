package dev.crashtest.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void a_signed_or_encrypted_jwt_is_redacted_wherever_it_sits_in_the_text() {
    assertThat(Redaction.redact("token=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln-bmF0_dXJl; next"))
        .as("JWS").isEqualTo("token=[redacted]; next");
    assertThat(Redaction.redact("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0."))
        .as("unsigned JWT").isEqualTo("[redacted]");
    assertThat(Redaction.redact("jwe eyJlbmMiOiJBMjU2R0NNIn0..aXY.Y2lwaGVy.dGFn end"))
        .as("JWE").isEqualTo("jwe [redacted] end");
  }

  @Test
  void a_bearer_value_is_redacted_and_the_scheme_kept() {
    assertThat(Redaction.redact("Authorization: Bearer abc.DEF_123-x~+/= rest"))
        .as("header").isEqualTo("Authorization: Bearer [redacted] rest");
    assertThat(Redaction.redact("sent bearer s3cr3t")).as("any case").isEqualTo("sent bearer [redacted]");
  }

  @Test
  void token_ids_and_ordinary_text_are_left_alone() {
    String text = "write [create_quote] with token id vWdD59yXhXOZjmheiFyzYQ (eyJ is the start of a JSON header)";
    assertThat(Redaction.redact(text)).as("text").isEqualTo(text);
    assertThat(Redaction.redact(null)).as("null").isNull();
  }
}
