package dev.crashtest.scenarios;

import dev.crashtest.scenariofile.ScenarioFile;
import java.nio.file.Path;

/** Where the repository's example scenario files and docs are, for the tests that read and run them. */
final class IncidentExamples {
  private IncidentExamples() {}

  /** The repository root: {@code crashtest.home} under failsafe, the module's parent under surefire. */
  static Path home() {
    return Path.of(System.getProperty("crashtest.home", "..")).toAbsolutePath().normalize();
  }

  static Path directory() {
    return home().resolve("examples").resolve("incidents");
  }

  static ScenarioFile incident(String name) {
    return ScenarioFile.read(directory().resolve(name + ".yaml"));
  }
}
