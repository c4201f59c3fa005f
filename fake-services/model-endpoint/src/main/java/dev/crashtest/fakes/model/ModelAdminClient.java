package dev.crashtest.fakes.model;

import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.admin.AdminClient;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link ModelAdmin} of a model endpoint in another process or container, over its operator API ({@code
 * /__crashtest/faults}, {@code /__crashtest/tool-renames}). A call the endpoint refuses or that cannot reach it
 * throws an {@link dev.crashtest.fakes.admin.AdminException} naming it.
 *
 * <pre>{@code
 * ModelAdmin model = ModelAdminClient.at(URI.create("http://127.0.0.1:41001"));
 * model.inject(ModelFault.contextLengthExceeded(450));
 * }</pre>
 */
public final class ModelAdminClient implements ModelAdmin {
  private static final String TOOL_RENAMES = "/__crashtest/tool-renames";

  private final AdminClient admin;

  private ModelAdminClient(AdminClient admin) {
    this.admin = admin;
  }

  /** The admin of the endpoint whose own socket is {@code direct}, e.g. {@code http://127.0.0.1:41001}. */
  public static ModelAdminClient at(URI direct) {
    return new ModelAdminClient(AdminClient.to("the model endpoint", direct));
  }

  @Override
  public InjectedFault inject(ModelFault fault) {
    return admin.injectFault(new LinkedHashMap<>(fault.toWire()));
  }

  /** Over {@code /__crashtest/tool-renames}; healing the answer deletes it there. */
  @Override
  public InjectedFault renameTool(String from, String to) {
    return admin.injectFault(TOOL_RENAMES, Map.of("from", from, "to", to));
  }
}
