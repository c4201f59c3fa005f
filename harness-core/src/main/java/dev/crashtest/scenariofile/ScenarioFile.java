package dev.crashtest.scenariofile;

import dev.crashtest.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A scenario read from a YAML file: what went wrong in an incident, as data. The file's path and a digest of its
 * content travel with it so a report can be tied to the exact scenario it ran.
 *
 * <pre>{@code
 * ScenarioFile incident = ScenarioFile.read(Path.of("incidents/idp-down-during-approval.yaml"));
 * Scenario scenario = incident.scenario();
 * String yaml = ScenarioFile.toYaml(scenario);   // any scenario, built-in or from the Java DSL
 * }</pre>
 */
public final class ScenarioFile {
  private final Path path;
  private final String sha256;
  private final Scenario scenario;

  ScenarioFile(Path path, String sha256, Scenario scenario) {
    this.path = Objects.requireNonNull(path, "path");
    this.sha256 = Objects.requireNonNull(sha256, "sha256");
    this.scenario = Objects.requireNonNull(scenario, "scenario");
  }

  /** Reads one scenario file; throws {@link ScenarioFileException} with every problem of the file. */
  public static ScenarioFile read(Path file) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Reads every file, a directory meaning every {@code *.yaml} in it, sorted by name; throws
   * {@link ScenarioFileException} with every problem of every file, and when two files name the same scenario.
   */
  public static List<ScenarioFile> readAll(List<Path> filesOrDirectories) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Reads a scenario from {@code yaml}, naming it {@code source} in problems (e.g. a classpath resource). */
  public static ScenarioFile parse(String source, String yaml) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The scenario as a file: reading it back gives an equal scenario. */
  public static String toYaml(Scenario scenario) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Where it was read from, as the user gave it. */
  public Path path() {
    return path;
  }

  /** The SHA-256 of the file's bytes, in lower-case hex. */
  public String sha256() {
    return sha256;
  }

  public Scenario scenario() {
    return scenario;
  }

  @Override
  public String toString() {
    return "scenario file [" + path + "]";
  }
}
