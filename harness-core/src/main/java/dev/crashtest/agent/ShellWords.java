package dev.crashtest.agent;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A command line as one argument for a POSIX shell, in the form {@code --agent-cmd} reads it back: each word that
 * needs it in double quotes (single quotes when it holds a double quote), the whole line in single quotes.
 */
final class ShellWords {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  private ShellWords() {}

  /** {@code [python3, -u, my agents/a.py]} becomes {@code 'python3 -u "my agents/a.py"'}. */
  static String commandLine(List<String> words) {
    String line = words.stream().map(ShellWords::word).collect(Collectors.joining(" "));
    return "'" + line.replace("'", "'\\''") + "'";
  }

  private static String word(String word) {
    if (PLAIN.matcher(word).matches()) {
      return word;
    }
    return word.contains("\"") ? "'" + word + "'" : "\"" + word + "\"";
  }
}
