package dev.crashtest.fakes.model;

import dev.crashtest.fakes.model.internal.ScriptSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the fake model answers: ordered rules matched on the conversation so far; the first rule that matches
 * (and whose templates can be filled) answers with assistant text and/or tool calls. If none matches, the model
 * answers a text starting with {@code crashtest model: no script rule matches}, never an error.
 *
 * <pre>{@code
 * Script builtIn = Script.procurement();
 * Script mine = Script.fromFile(Path.of("scripts/refund.json"));
 * }</pre>
 *
 * <p>A script file is JSON:
 *
 * <pre>{@code
 * {
 *   "name": "procurement",
 *   "goalPattern": "(?i)buy (?<quantity>\\d+) units of (?<sku>\\S+) for account (?<account>[\\w-]+)",
 *   "rules": [
 *     {"name": "read the account", "when": {"lastToolResult": null},
 *      "then": {"toolCalls": [{"name": "get_account", "arguments": {"account_id": "${goal.account}"}}]}},
 *     {"name": "quote", "when": {"lastToolResult": "get_account"},
 *      "then": {"toolCalls": [{"name": "create_quote", "arguments":
 *        {"account_id": "${goal.account}", "sku": "${goal.sku}", "quantity": "${goal.quantity:int}"}}]}},
 *     {"when": {"lastToolResult": "create_quote"},
 *      "then": {"content": "Quote ${result.create_quote.quoteId} is ready."}}
 *   ]
 * }
 * }</pre>
 *
 * <p>{@code when} (all optional, all must hold): {@code lastRole} (role of the last message),
 * {@code lastToolResult} (tool name of the last tool message; {@code null} = no tool result yet),
 * {@code lastToolResultMatches} (regex found in its content), {@code turn} (assistant messages + 1),
 * {@code goalMatches} (regex found in the goal, the first user message; its groups join the goal pattern's).
 * {@code then}: {@code content} and/or {@code toolCalls} ({@code name}, {@code arguments}). Templates:
 * {@code ${goal}}, {@code ${goal.NAME}}, {@code ${goal.1}}, {@code ${result.TOOL}}, {@code ${result.TOOL.field.0.x}},
 * {@code ${last.tool}}, {@code ${last.result.field}}, {@code ${turn}}, with an optional {@code :int},
 * {@code :number} or {@code :string}; an argument that is exactly one placeholder keeps the JSON type of the
 * value. Tool call ids are {@code call_<turn>_<n>}, so the same conversation always gets the same answer.
 */
public final class Script {
  private static final String PROCUREMENT = "procurement.json";

  private final ScriptSpec spec;

  private Script(ScriptSpec spec) {
    this.spec = spec;
  }

  /** The built-in script of the reference procurement task (docs/agent-contract.md, section 3). */
  public static Script procurement() {
    try (InputStream in = Script.class.getResourceAsStream(PROCUREMENT)) {
      if (in == null) {
        throw new IllegalStateException("the built-in script [" + PROCUREMENT + "] is missing from the jar");
      }
      return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in " + PROCUREMENT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in script [" + PROCUREMENT + "]", e);
    }
  }

  /**
   * Loads a script file. A bad file throws {@link IllegalArgumentException} with one line naming the file and
   * the field, e.g. {@code script [s.json]: field [rules[0].then] is missing; ...}.
   */
  public static Script fromFile(Path file) {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("script [" + file + "]: cannot be read: " + e, e);
    }
    return fromJson(json, file.toString());
  }

  /** Parses script JSON; {@code source} names it in error messages. */
  public static Script fromJson(String json, String source) {
    return new Script(ScriptSpec.parse(json, source));
  }

  public String name() {
    return spec.name();
  }

  /** The rule names in order; unnamed rules are called {@code #1}, {@code #2}, ... */
  public List<String> ruleNames() {
    return spec.ruleNames();
  }

  ScriptSpec spec() {
    return spec;
  }

  @Override
  public String toString() {
    return spec.toString();
  }
}
