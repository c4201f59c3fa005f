package dev.crashtest.workload;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A service a workload's tools call: a directory of WireMock stub mappings, or a service built into Crashtest
 * (procurement's CRM).
 */
public record WorkloadService(String name, Optional<String> builtIn, Optional<Path> stubs) {

  /** The environment variable that gives the agent this service's base URL, e.g. HARNESS_SERVICE_REFUNDS_URL. */
  public String urlVariable() {
    return "HARNESS_SERVICE_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_URL";
  }
}
