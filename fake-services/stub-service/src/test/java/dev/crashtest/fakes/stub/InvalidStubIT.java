package dev.crashtest.fakes.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crashtest.fakes.identity.IdentityProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stub file WireMock cannot read stops the start, naming the file and WireMock's reason. */
class InvalidStubIT {
  @TempDir Path stubsDir;

  @Test
  void a_stub_file_that_is_not_wiremock_json_names_the_file_and_wiremocks_reason() throws IOException {
    Path file = stubsDir.resolve("create-refund.json");
    Files.writeString(file, "{\"request\": {\"method\": \"POST\", \"url\": \"/refunds\"}, \"respnse\": {}}");

    InvalidStubException e;
    try (IdentityProvider idp = IdentityProvider.builder().start()) {
      e = catchThrowableOfType(InvalidStubException.class, () -> StubServer.builder().withIssuer(idp.issuer())
          .withJwksUri(idp.jwksUri()).withService("refunds", stubsDir).start());
    }

    assertThat(e.file()).as("file").isEqualTo(file);
    assertThat(e.getMessage()).as("message").isEqualTo("stub-service: stub file [" + file + "] of service [refunds]"
        + " is not a WireMock stub mapping: " + e.reason());
    assertThat(e.reason()).as("WireMock's reason").isEqualTo("Unrecognized field \"respnse\" (class"
        + " com.github.tomakehurst.wiremock.stubbing.StubMappingCollection), not marked as ignorable");
  }

  @Test
  void a_stub_file_that_is_not_json_names_the_file() throws IOException {
    Path file = stubsDir.resolve("broken.json");
    Files.writeString(file, "{\"request\": ");

    InvalidStubException e;
    try (IdentityProvider idp = IdentityProvider.builder().start()) {
      e = catchThrowableOfType(InvalidStubException.class, () -> StubServer.builder().withIssuer(idp.issuer())
          .withJwksUri(idp.jwksUri()).withService("refunds", stubsDir).start());
    }

    assertThat(e.getMessage()).as("message").isEqualTo("stub-service: stub file [" + file + "] of service [refunds]"
        + " is not a WireMock stub mapping: Unexpected end-of-input within/between Object entries at [Source:"
        + " (String)\"{\"request\": \"; line: 1, column: 13]");
  }
}
