package dev.crashtest.fakes.model;

import dev.crashtest.fakes.InjectedFault;

/**
 * What an operator does to a model endpoint, wherever it runs: {@link ModelEndpoint} in this JVM is one, {@link
 * ModelAdminClient} drives one in another process or container through its operator API.
 *
 * <pre>{@code
 * ModelAdmin model = inThisJvm ? modelEndpoint : ModelAdminClient.at(URI.create("http://127.0.0.1:41001"));
 * try (InjectedFault storm = model.inject(ModelFault.rateLimited(Duration.ofSeconds(1)).forRequests(3))) { ... }
 * }</pre>
 */
public interface ModelAdmin {
  /** Applies {@code fault} to the endpoint's own answers until healed, or for its request limit. */
  InjectedFault inject(ModelFault fault);

  /**
   * From now on the model calls tool {@code from} by the name {@code to} whenever a request offers {@code to} and
   * not {@code from}: a model that read a changed tool list (an MCP server renamed a tool). Healing forgets it.
   *
   * <pre>{@code
   * InjectedFault rename = model.renameTool("place_order", "submit_order");
   * }</pre>
   */
  InjectedFault renameTool(String from, String to);
}
