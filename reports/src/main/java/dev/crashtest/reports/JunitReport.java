package dev.crashtest.reports;

import dev.crashtest.scenario.RunResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes {@code junit.xml} in the Ant JUnit format that GitHub, GitLab and Jenkins render: a {@code <testsuite>} per
 * agent, a {@code <testcase>} per run ({@code classname="crashtest.<agent>"}, the scenario as name, with its try and
 * seed when there are several tries, time in seconds). A FAIL carries one {@code <failure>} whose type names the
 * violated checkers and whose message and text give their explanations, the reproduce command and the history; an
 * ERROR is an {@code <error>}; a SKIPPED run a {@code <skipped message="why"/>}, never a pass.
 *
 * <pre>{@code
 * Path file = JunitReport.write(report);                                      // into report.directory()
 * Path same = JunitReport.write(42L, 1, results, Path.of("crashtest-out"));   // crashtest-out/junit.xml
 * }</pre>
 *
 * <p>Drawn from the {@link Report} alone, so a report read back from report.json renders too. Each suite's
 * {@code <properties>} hold the campaign's seed and tries; text passes through {@link Redaction}.
 *
 * <p>A report with an {@link ExplorationSection} is laid out for the exploration instead: a suite
 * {@code crashtest.explore} with a failure per finding (or one passing case when nothing was found), which is what
 * CI gates on, and a suite {@code crashtest.explore.runs} of the runs, where a FAILed run passes with its failure as
 * {@code <system-out>}, as it is a finding's, counted once ({@link ExplorationJunit}).
 */
public final class JunitReport {
  private JunitReport() {}

  /** Writes {@code junit.xml} into {@code directory} for a campaign of {@code repeat} tries per scenario × agent. */
  public static Path write(long seed, int repeat, List<RunResult> runs, Path directory) {
    return write(Report.of(seed, repeat, runs, List.of(), directory));
  }

  /** Writes {@code junit.xml} into the report's directory. */
  public static Path write(Report report) {
    Path file = report.directory().resolve("junit.xml");
    try {
      Files.createDirectories(report.directory());
      try (OutputStream out = Files.newOutputStream(file)) {
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        new Writer(xml, report).document();
        xml.close();
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the JUnit report [" + file + "]: " + e.getMessage(), e);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("could not write the JUnit report [" + file + "]: " + e.getMessage(), e);
    }
  }

  /**
   * One {@code <testcase>}: a pass when {@code problem} is null, else its {@code failure}, {@code error} or
   * {@code skipped} element ({@code skipped} carries only the message); {@code systemOut} is its {@code <system-out>},
   * or null.
   */
  record Case(String classname, String name, long millis, String problem, String type, String message, String text,
      String systemOut) {
    static Case pass(String classname, String name, long millis, String systemOut) {
      return new Case(classname, name, millis, null, null, null, null, systemOut);
    }
  }

  /** One {@code <testsuite>}, its {@code <properties>} in order. */
  record Suite(String name, Map<String, String> properties, List<Case> cases) {}

  private record Writer(XMLStreamWriter xml, Report report) {
    void document() throws XMLStreamException {
      List<Suite> suites = ExplorationSection.of(report).map(exploration -> ExplorationJunit.suites(report,
          exploration)).orElseGet(this::agentSuites);
      xml.writeStartDocument("UTF-8", "1.0");
      newline(0);
      xml.writeStartElement("testsuites");
      xml.writeAttribute("name", "crashtest");
      counts(suites.stream().flatMap(suite -> suite.cases().stream()).toList());
      for (Suite suite : suites) {
        suite(suite);
      }
      newline(0);
      xml.writeEndElement();
      newline(0);
      xml.writeEndDocument();
    }

    /** A suite per agent, a case per run. */
    private List<Suite> agentSuites() {
      Map<String, List<Case>> suites = new LinkedHashMap<>();
      report.runs().forEach(run -> suites.computeIfAbsent(run.agent(), agent -> new ArrayList<>())
          .add(JunitReport.testcase(run, report.repeat())));
      Map<String, String> properties = new LinkedHashMap<>();
      properties.put("seed", String.valueOf(report.seed()));
      properties.put("repeat", String.valueOf(report.repeat()));
      properties.put("crashtest.version", report.facts().crashtestVersion());
      return suites.entrySet().stream().map(suite -> new Suite(suite.getKey(), properties, suite.getValue())).toList();
    }

    private void suite(Suite suite) throws XMLStreamException {
      newline(1);
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", clean(suite.name()));
      counts(suite.cases());
      xml.writeAttribute("timestamp", LocalDateTime.ofInstant(report.facts().written(), ZoneId.systemDefault())
          .toString());
      newline(2);
      xml.writeStartElement("properties");
      for (Map.Entry<String, String> property : suite.properties().entrySet()) {
        property(property.getKey(), property.getValue());
      }
      newline(2);
      xml.writeEndElement();
      for (Case testcase : suite.cases()) {
        write(testcase);
      }
      newline(1);
      xml.writeEndElement();
    }

    private void write(Case testcase) throws XMLStreamException {
      newline(2);
      xml.writeStartElement("testcase");
      xml.writeAttribute("classname", clean(testcase.classname()));
      xml.writeAttribute("name", clean(testcase.name()));
      xml.writeAttribute("time", seconds(testcase.millis()));
      if (testcase.problem() != null && testcase.problem().equals("skipped")) {
        newline(3);
        xml.writeEmptyElement("skipped");
        xml.writeAttribute("message", clean(testcase.message()));
      } else if (testcase.problem() != null) {
        newline(3);
        xml.writeStartElement(testcase.problem());
        xml.writeAttribute("message", clean(testcase.message()));
        xml.writeAttribute("type", clean(testcase.type()));
        xml.writeCharacters(clean(testcase.text()));
        xml.writeEndElement();
      }
      if (testcase.systemOut() != null) {
        newline(3);
        xml.writeStartElement("system-out");
        xml.writeCharacters(clean(testcase.systemOut()));
        xml.writeEndElement();
      }
      if (testcase.problem() != null || testcase.systemOut() != null) {
        newline(2);
      }
      xml.writeEndElement();
    }

    private void counts(List<Case> cases) throws XMLStreamException {
      xml.writeAttribute("tests", String.valueOf(cases.size()));
      xml.writeAttribute("failures", String.valueOf(count(cases, "failure")));
      xml.writeAttribute("errors", String.valueOf(count(cases, "error")));
      xml.writeAttribute("skipped", String.valueOf(count(cases, "skipped")));
      xml.writeAttribute("time", seconds(cases.stream().mapToLong(Case::millis).sum()));
    }

    private void property(String name, String value) throws XMLStreamException {
      newline(3);
      xml.writeEmptyElement("property");
      xml.writeAttribute("name", name);
      xml.writeAttribute("value", clean(value));
    }

    private void newline(int depth) throws XMLStreamException {
      xml.writeCharacters("\n" + "  ".repeat(depth));
    }
  }

  /** The case of {@code run} ({@code classname="crashtest.<agent>"}), its verdict mapped as the class says. */
  static Case testcase(ReportRun run, int repeat) {
    String classname = "crashtest." + run.agent();
    String name = run.label(repeat);
    return switch (run.verdict()) {
      case PASS -> Case.pass(classname, name, run.wallMillis(), null);
      case SKIPPED -> new Case(classname, name, run.wallMillis(), "skipped", null, run.errorText(), null, null);
      case FAIL -> problem("failure", classname, name, run);
      case ERROR -> problem("error", classname, name, run);
    };
  }

  /** A failure or error: type the checkers, message their explanations, text everything a reader needs next. */
  private static Case problem(String element, String classname, String name, ReportRun run) {
    List<ReportRun.Violation> violations = run.violations();
    String type = violations.isEmpty() ? "run-error"
        : violations.stream().map(ReportRun.Violation::checker).collect(Collectors.joining(", "));
    String message = run.errorText();
    String explanations = violations.stream().map(v -> explanation(run, v)).collect(Collectors.joining("; "));
    message = message.isEmpty() ? explanations : explanations.isEmpty() ? message : message + "; " + explanations;
    return new Case(classname, name, run.wallMillis(), element, type, message, "\n" + details(run), null);
  }

  /** Why the run did not pass, the evidence, and how to reproduce and inspect it, a line each. */
  static String details(ReportRun run) {
    StringBuilder text = new StringBuilder();
    if (!run.errorText().isEmpty()) {
      text.append("could not run: ").append(run.errorText()).append('\n');
    }
    for (ReportRun.Violation violation : run.violations()) {
      text.append(explanation(run, violation));
      if (!violation.evidence().isEmpty()) {
        text.append(" (evidence: ").append(violation.evidence().stream().map(index -> "op #" + index)
            .collect(Collectors.joining(", "))).append(')');
      }
      text.append('\n');
    }
    return text.append("reproduce: ").append(run.reproduce()).append('\n')
        .append("history: ").append(run.history()).append('\n')
        .append("agent log: ").append(run.agentLog()).append('\n').toString();
  }

  private static String explanation(ReportRun run, ReportRun.Violation violation) {
    return violation.checker() + (run.undecided(violation) ? " (could not decide)" : "") + ": "
        + violation.message();
  }

  private static long count(List<Case> cases, String problem) {
    return cases.stream().filter(testcase -> problem.equals(testcase.problem())).count();
  }

  static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }

  /** Redacted, and without the control characters XML 1.0 cannot carry (an agent's error may hold ANSI escapes). */
  private static String clean(String text) {
    String redacted = Redaction.redact(text == null ? "" : text);
    StringBuilder out = new StringBuilder(redacted.length());
    redacted.chars().forEach(c -> out.append(isXmlChar((char) c) ? (char) c : '\uFFFD'));
    return out.toString();
  }

  private static boolean isXmlChar(char c) {
    return c >= 0x20 ? c != '\uFFFE' && c != '\uFFFF' : c == '\t' || c == '\n' || c == '\r';
  }
}
