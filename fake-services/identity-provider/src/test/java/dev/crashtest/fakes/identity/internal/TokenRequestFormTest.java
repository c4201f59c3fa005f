package dev.crashtest.fakes.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenRequestFormTest {

  @Test
  void form_parameters_are_decoded() {
    TokenRequestForm form = TokenRequestForm.parse("grant_type=client_credentials&scope=crm.read+crm.write", null);

    assertThat(form.get("scope")).as("scope").isEqualTo("crm.read crm.write");
    assertThat(form.credentials()).as("credentials").isEmpty();
  }

  @Test
  void basic_credentials_are_read_from_the_authorization_header() {
    TokenRequestForm form = TokenRequestForm.parse("", "Basic YWdlbnQ6czNjcjN0OndpdGgtY29sb24=");

    assertThat(form.credentials())
        .as("credentials")
        .isEqualTo(Optional.of(new TokenRequestForm.Credentials("agent", "s3cr3t:with-colon", true)));
  }

  @Test
  void form_credentials_are_used_without_a_basic_header() {
    TokenRequestForm form = TokenRequestForm.parse("client_id=agent&client_secret=s3cret", null);

    assertThat(form.credentials())
        .as("credentials")
        .isEqualTo(Optional.of(new TokenRequestForm.Credentials("agent", "s3cret", false)));
  }

  @Test
  void broken_basic_header_is_invalid_client() {
    assertThatThrownBy(() -> TokenRequestForm.parse("", "Basic !!!"))
        .isInstanceOf(OAuthError.class)
        .hasMessage("the Authorization header is not valid Base64; send Basic base64(id:secret)");
  }

  @Test
  void missing_parameter_is_named_with_an_example() {
    TokenRequestForm form = TokenRequestForm.parse("grant_type=x", null);

    assertThatThrownBy(() -> form.require("audience", "crm"))
        .isInstanceOf(OAuthError.class)
        .hasMessage("missing parameter [audience], e.g. audience=crm");
  }
}
