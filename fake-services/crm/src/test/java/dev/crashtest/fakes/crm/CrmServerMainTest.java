package dev.crashtest.fakes.crm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CrmServerMainTest {

  @Test
  void unknown_option_names_the_known_ones() {
    assertThatThrownBy(() -> CrmServerMain.configure(new String[] {"--jwks", "x"}))
        .as("unknown option")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("crm: unknown option [--jwks]; known options: --port, --host, --issuer, --jwks-uri, --data-dir,"
            + " --introspection-uri, --events-url");
  }

  @Test
  void missing_issuer_is_named_with_an_example() {
    assertThatThrownBy(() -> CrmServerMain.configure(new String[] {"--jwks-uri", "http://127.0.0.1:1/jwks"}))
        .as("missing issuer")
        .hasMessage("crm: missing option [--issuer], e.g. --issuer http://127.0.0.1:41003");
  }

  @Test
  void missing_data_directory_is_named() {
    String[] args = {"--issuer", "http://127.0.0.1:1", "--jwks-uri", "http://127.0.0.1:1/jwks"};

    assertThatThrownBy(() -> CrmServerMain.configure(args))
        .as("missing data directory")
        .hasMessage("crm: missing option [--data-dir]; give the directory that keeps the CRM's state,"
            + " e.g. --data-dir /tmp/crm");
  }

  @Test
  void issuer_that_is_not_a_url_is_refused() {
    String[] args = {"--issuer", "127.0.0.1:1", "--jwks-uri", "http://127.0.0.1:1/jwks", "--data-dir", "/tmp/x"};

    assertThatThrownBy(() -> CrmServerMain.configure(args))
        .as("bad issuer")
        .hasMessage("crm: option [--issuer] value [127.0.0.1:1] is not an http(s) URL");
  }

  @Test
  void introspection_uri_that_is_not_a_url_is_refused_with_an_example() {
    String[] args = {"--issuer", "http://127.0.0.1:1", "--jwks-uri", "http://127.0.0.1:1/jwks", "--data-dir",
        "/tmp/x", "--introspection-uri", "introspect"};

    assertThatThrownBy(() -> CrmServerMain.configure(args))
        .as("bad introspection URI")
        .hasMessage("crm: --introspection-uri [introspect] is not an http(s) URL, e.g. --introspection-uri"
            + " http://127.0.0.1:41003/crashtest/introspect");
  }

  @Test
  void bad_port_is_refused() {
    assertThatThrownBy(() -> CrmServerMain.configure(new String[] {"--port", "http"}))
        .as("bad port")
        .hasMessage("crm: --port [http] is not a port number (0-65535)");
  }
}
