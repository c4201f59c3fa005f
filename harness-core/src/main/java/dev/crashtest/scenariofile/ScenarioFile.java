package dev.crashtest.scenariofile;

import dev.crashtest.scenario.Scenario;
import dev.crashtest.workload.Workload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

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

  /** Reads one scenario file for procurement; throws {@link ScenarioFileException} with every problem of the file. */
  public static ScenarioFile read(Path file) {
    return read(file, Workload.procurement());
  }

  /**
   * Reads one scenario file for {@code workload}, whose tools and services its triggers must name; throws
   * {@link ScenarioFileException} with every problem of the file.
   */
  public static ScenarioFile read(Path file, Workload workload) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ScenarioFileException(List.of(file + ": no such file"));
    } catch (IOException e) {
      throw new ScenarioFileException(List.of(file + ": cannot be read: " + e.getMessage()));
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new ScenarioFileException(List.of(file + ": not UTF-8 text; save the scenario file as UTF-8"));
    }
    return new ScenarioFile(file, sha256(bytes), ScenarioReader.read(file.toString(), text, workload));
  }

  /**
   * Reads every file, a directory meaning every {@code *.yaml} in it, sorted by name; throws
   * {@link ScenarioFileException} with every problem of every file, and when two files name the same scenario.
   */
  public static List<ScenarioFile> readAll(List<Path> filesOrDirectories) {
    return readAll(filesOrDirectories, Workload.procurement());
  }

  /** As {@link #readAll(List)}, for {@code workload}. */
  public static List<ScenarioFile> readAll(List<Path> filesOrDirectories, Workload workload) {
    List<String> problems = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (Path given : filesOrDirectories) {
      if (Files.isDirectory(given)) {
        try (Stream<Path> listing = Files.list(given)) {
          List<Path> yaml = listing.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p))
              .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
          if (yaml.isEmpty()) {
            problems.add(given + ": no *.yaml scenario file in this directory");
          }
          files.addAll(yaml);
        } catch (IOException e) {
          problems.add(given + ": cannot be listed: " + e.getMessage());
        }
      } else {
        files.add(given);
      }
    }
    List<ScenarioFile> read = new ArrayList<>();
    Map<String, Path> byName = new LinkedHashMap<>();
    for (Path file : files) {
      try {
        ScenarioFile scenarioFile = read(file, workload);
        Path other = byName.putIfAbsent(scenarioFile.scenario().name(), file);
        if (other != null) {
          problems.add(file + ": name [" + scenarioFile.scenario().name() + "] is already the name of the scenario in "
              + other + "; give each scenario its own name");
        } else {
          read.add(scenarioFile);
        }
      } catch (ScenarioFileException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new ScenarioFileException(problems);
    }
    return List.copyOf(read);
  }

  /** Reads a scenario from {@code yaml}, naming it {@code source} in problems (e.g. a classpath resource). */
  public static ScenarioFile parse(String source, String yaml) {
    return parse(source, yaml, Workload.procurement());
  }

  /** As {@link #parse(String, String)}, for {@code workload}. */
  public static ScenarioFile parse(String source, String yaml, Workload workload) {
    byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
    return new ScenarioFile(Path.of(source), sha256(bytes), ScenarioReader.read(source, yaml, workload));
  }

  /** The scenario as a file: reading it back gives an equal scenario. */
  public static String toYaml(Scenario scenario) {
    return ScenarioWriter.write(scenario);
  }

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  /** A duration as scenario files write it ({@code 800ms}, {@code 10m}), or empty when {@code text} is none. */
  public static java.util.Optional<java.time.Duration> parseDuration(String text) {
    return text == null ? java.util.Optional.empty() : Durations.parse(text);
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
