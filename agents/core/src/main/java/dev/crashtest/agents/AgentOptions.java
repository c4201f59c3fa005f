package dev.crashtest.agents;

/**
 * The command line of {@link ProcurementAgentMain}: {@code --runtime <name>} (default {@code naive}) and
 * {@code --streaming}.
 *
 * <pre>{@code
 * AgentOptions options = AgentOptions.parse(new String[] {"--runtime", "naive"});
 * }</pre>
 *
 * @param runtime the durability layer's name, one of {@link TaskRuntimes#known()}
 * @param streaming whether to call the model with {@code "stream": true}
 */
public record AgentOptions(String runtime, boolean streaming) {

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException with a one-line message naming the bad argument and the fix
   */
  public static AgentOptions parse(String[] args) {
    String runtime = "naive";
    boolean streaming = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runtime" -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("option [--runtime] needs a value; known runtimes: "
                + String.join(", ", TaskRuntimes.known()) + " (for example: --runtime naive)");
          }
          runtime = args[++i];
        }
        case "--streaming" -> streaming = true;
        default -> throw new IllegalArgumentException("unknown argument [" + args[i]
            + "]; usage: --runtime <" + String.join("|", TaskRuntimes.known()) + "> [--streaming]");
      }
    }
    if (!TaskRuntimes.known().contains(runtime)) {
      throw new IllegalArgumentException("unknown runtime [" + runtime + "]; known runtimes: "
          + String.join(", ", TaskRuntimes.known()) + " (for example: --runtime naive)");
    }
    return new AgentOptions(runtime, streaming);
  }
}
