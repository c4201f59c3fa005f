package dev.crashtest.fakes.stub;

import java.nio.file.Path;

/**
 * A stub file that WireMock cannot read as a stub mapping; the message names the file, the service and WireMock's
 * reason, e.g. {@code stub-service: stub file [workloads/support-desk/stubs/refunds/create.json] of service
 * [refunds] is not a WireMock stub mapping: Unrecognized field "respnse" ...}.
 *
 * <pre>{@code
 * try {
 *   StubServer.builder()...withService("refunds", Path.of("stubs/refunds")).start();
 * } catch (InvalidStubException e) {
 *   System.err.println(e.file() + ": " + e.reason());   // exit 2
 * }
 * }</pre>
 */
public final class InvalidStubException extends IllegalArgumentException {
  private final Path file;
  private final String reason;

  public InvalidStubException(String service, Path file, String reason, Throwable cause) {
    super("stub-service: stub file [" + file + "] of service [" + service + "] is not a WireMock stub mapping: "
        + reason, cause);
    this.file = file;
    this.reason = reason;
  }

  /** The file WireMock could not read. */
  public Path file() {
    return file;
  }

  /** WireMock's reason, as it gave it. */
  public String reason() {
    return reason;
  }
}
