package dev.crashtest.reports;

import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.RunVerdict;
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

  private record Writer(XMLStreamWriter xml, Report report) {
    void document() throws XMLStreamException {
      Map<String, List<ReportRun>> suites = new LinkedHashMap<>();
      report.runs().forEach(run -> suites.computeIfAbsent(run.agent(), agent -> new ArrayList<>()).add(run));
      xml.writeStartDocument("UTF-8", "1.0");
      newline(0);
      xml.writeStartElement("testsuites");
      xml.writeAttribute("name", "crashtest");
      counts(report.runs());
      for (Map.Entry<String, List<ReportRun>> suite : suites.entrySet()) {
        suite(suite.getKey(), suite.getValue());
      }
      newline(0);
      xml.writeEndElement();
      newline(0);
      xml.writeEndDocument();
    }

    private void suite(String agent, List<ReportRun> cases) throws XMLStreamException {
      newline(1);
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", clean(agent));
      counts(cases);
      xml.writeAttribute("timestamp", LocalDateTime.ofInstant(report.facts().written(), ZoneId.systemDefault())
          .toString());
      newline(2);
      xml.writeStartElement("properties");
      property("seed", String.valueOf(report.seed()));
      property("repeat", String.valueOf(report.repeat()));
      property("crashtest.version", report.facts().crashtestVersion());
      newline(2);
      xml.writeEndElement();
      for (ReportRun run : cases) {
        testcase(run);
      }
      newline(1);
      xml.writeEndElement();
    }

    private void testcase(ReportRun run) throws XMLStreamException {
      newline(2);
      xml.writeStartElement("testcase");
      xml.writeAttribute("classname", clean("crashtest." + run.agent()));
      xml.writeAttribute("name", clean(run.label(report.repeat())));
      xml.writeAttribute("time", seconds(run.wallMillis()));
      switch (run.verdict()) {
        case PASS -> { }
        case SKIPPED -> {
          newline(3);
          xml.writeEmptyElement("skipped");
          xml.writeAttribute("message", clean(run.errorText()));
        }
        case FAIL -> problem("failure", run);
        case ERROR -> problem("error", run);
        default -> throw new IllegalStateException("no JUnit mapping for the verdict [" + run.verdict() + "]");
      }
      if (run.verdict() != RunVerdict.PASS) {
        newline(2);
      }
      xml.writeEndElement();
    }

    /** A failure or error: type the checkers, message their explanations, text everything a reader needs next. */
    private void problem(String element, ReportRun run) throws XMLStreamException {
      List<ReportRun.Violation> violations = run.violations();
      String type = violations.isEmpty() ? "run-error"
          : violations.stream().map(ReportRun.Violation::checker).collect(Collectors.joining(", "));
      String message = run.errorText();
      String explanations = violations.stream().map(v -> explanation(run, v)).collect(Collectors.joining("; "));
      message = message.isEmpty() ? explanations : explanations.isEmpty() ? message : message + "; " + explanations;
      StringBuilder text = new StringBuilder("\n");
      if (!run.errorText().isEmpty()) {
        text.append("could not run: ").append(run.errorText()).append('\n');
      }
      for (ReportRun.Violation violation : violations) {
        text.append(explanation(run, violation));
        if (!violation.evidence().isEmpty()) {
          text.append(" (evidence: ").append(violation.evidence().stream().map(index -> "op #" + index)
              .collect(Collectors.joining(", "))).append(')');
        }
        text.append('\n');
      }
      text.append("reproduce: ").append(run.reproduce()).append('\n')
          .append("history: ").append(run.history()).append('\n')
          .append("agent log: ").append(run.agentLog()).append('\n');
      newline(3);
      xml.writeStartElement(element);
      xml.writeAttribute("message", clean(message));
      xml.writeAttribute("type", clean(type));
      xml.writeCharacters(clean(text.toString()));
      xml.writeEndElement();
    }

    private void counts(List<ReportRun> runs) throws XMLStreamException {
      xml.writeAttribute("tests", String.valueOf(runs.size()));
      xml.writeAttribute("failures", String.valueOf(count(runs, RunVerdict.FAIL)));
      xml.writeAttribute("errors", String.valueOf(count(runs, RunVerdict.ERROR)));
      xml.writeAttribute("skipped", String.valueOf(count(runs, RunVerdict.SKIPPED)));
      xml.writeAttribute("time", seconds(runs.stream().mapToLong(ReportRun::wallMillis).sum()));
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

  private static String explanation(ReportRun run, ReportRun.Violation violation) {
    return violation.checker() + (run.undecided(violation) ? " (could not decide)" : "") + ": "
        + violation.message();
  }

  private static long count(List<ReportRun> runs, RunVerdict verdict) {
    return runs.stream().filter(run -> run.verdict() == verdict).count();
  }

  private static String seconds(long millis) {
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
