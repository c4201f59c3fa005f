package dev.crashtest.fakes.model.internal;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed, validated script: ordered rules, the first that matches answers. Made by {@link ScriptParser}.
 *
 * <pre>{@code
 * ScriptSpec spec = ScriptSpec.parse(json, "procurement.json");
 * }</pre>
 */
public final class ScriptSpec {
  private final String name;
  private final Optional<Pattern> goalPattern;
  private final List<Rule> rules;

  ScriptSpec(String name, Optional<Pattern> goalPattern, List<Rule> rules) {
    this.name = name;
    this.goalPattern = goalPattern;
    this.rules = List.copyOf(rules);
  }

  /**
   * Parses script JSON; a bad script throws {@link IllegalArgumentException} with a one-line message naming
   * {@code source} and the field.
   */
  public static ScriptSpec parse(String json, String source) {
    return new ScriptParser(source).parse(json);
  }

  public String name() {
    return name;
  }

  public List<String> ruleNames() {
    return rules.stream().map(Rule::name).toList();
  }

  /** A regex over the goal whose groups templates may use as {@code ${goal.NAME}}. */
  Optional<Pattern> goalPattern() {
    return goalPattern;
  }

  List<Rule> rules() {
    return rules;
  }

  @Override
  public String toString() {
    return "script [" + name + "] with " + rules.size() + " rules";
  }
}
