package dev.crashtest.scenarios;

import dev.crashtest.agent.AgentSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** A user's own agent, from {@code --agent-image} or {@code --agent-cmd}, named for the reports. */
final class UserAgents {
  private static final Pattern WORD = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)");

  private UserAgents() {}

  /** {@code my/agent:1.4} becomes agent [agent], run as a container of that image. */
  static AgentSpec fromImage(String image, CommandLine commandLine) {
    if (image == null || image.isBlank()) {
      throw new CommandLine.ParameterException(commandLine, "--agent-image needs an image, e.g. --agent-image"
          + " my/agent:1.4");
    }
    String repository = image.trim().replaceFirst("@.*$", "").replaceFirst(":[^/:]*$", "");
    return AgentSpec.image(name(repository.substring(repository.lastIndexOf('/') + 1)), image.trim());
  }

  /** {@code "python3 my_agent.py"} becomes agent [my_agent], started by that command line (quotes group words). */
  static AgentSpec fromCommand(String command, CommandLine commandLine) {
    List<String> words = new ArrayList<>();
    Matcher matcher = WORD.matcher(command == null ? "" : command);
    while (matcher.find()) {
      words.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2) != null ? matcher.group(2)
          : matcher.group(3));
    }
    if (words.isEmpty()) {
      throw new CommandLine.ParameterException(commandLine, "--agent-cmd needs a command line, e.g. --agent-cmd"
          + " \"python3 my_agent.py\"");
    }
    String last = words.get(words.size() - 1);
    String file = Path.of(words.size() > 1 && !last.startsWith("-") ? last : words.get(0)).getFileName().toString();
    String quoted = "'" + command.trim().replace("'", "'\\''") + "'";
    return AgentSpec.command(name(file.replaceFirst("\\.[^.]+$", "")), words).selectedBy("--agent-cmd " + quoted);
  }

  private static String name(String raw) {
    String name = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
    return name.isEmpty() ? "my-agent" : name;
  }
}
