package dev.crashtest.fakes.crm;

import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.admin.AdminClient;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link CrmAdmin} of a CRM in another process or container, over its operator API ({@code
 * /__crashtest/workloads}, {@code /__crashtest/faults}). A call the CRM refuses or that cannot reach it throws an
 * {@link dev.crashtest.fakes.admin.AdminException} naming it.
 *
 * <pre>{@code
 * CrmAdmin crm = CrmAdminClient.at(URI.create("http://127.0.0.1:41002"));
 * crm.inject(CrmFault.serverError(503).forRequests(2));
 * }</pre>
 */
public final class CrmAdminClient implements CrmAdmin {
  private final AdminClient admin;
  private final Map<String, URI> workloads = new ConcurrentHashMap<>();

  private CrmAdminClient(AdminClient admin) {
    this.admin = admin;
  }

  /** The admin of the CRM whose own socket is {@code direct}, e.g. {@code http://127.0.0.1:41002}. */
  public static CrmAdminClient at(URI direct) {
    return new CrmAdminClient(AdminClient.to("the CRM", direct));
  }

  @Override
  public URI workloadUrl(String agent) {
    return workloads.computeIfAbsent(agent, name -> URI.create(
        admin.post("/__crashtest/workloads", Map.of("agent", name)).path("url").asText()));
  }

  @Override
  public InjectedFault inject(CrmFault fault) {
    return admin.injectFault(fault.toWire());
  }
}
