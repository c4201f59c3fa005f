package dev.crashtest.fakes.crm;

import dev.crashtest.fakes.InjectedFault;
import java.net.URI;

/**
 * What an operator does to a CRM, wherever it runs: {@link CrmServer} in this JVM is one, {@link CrmAdminClient}
 * drives one in another process or container through its operator API; code that takes a {@code CrmAdmin} works
 * with both.
 *
 * <pre>{@code
 * CrmAdmin crm = inThisJvm ? crmServer : CrmAdminClient.at(URI.create("http://127.0.0.1:41002"));
 * URI own = crm.workloadUrl("naive-agent");
 * try (InjectedFault drop = crm.inject(CrmFault.commitThenDropResponse().on("place_order").forRequests(1))) { ... }
 * }</pre>
 */
public interface CrmAdmin {
  /**
   * The CRM address that is {@code agent}'s own (its workload identity, as mTLS would prove it), on the CRM's
   * socket: a token presented there is known to come from that agent. Opened on first request, the same after.
   */
  URI workloadUrl(String agent);

  /** Applies {@code fault} to the CRM's own answers until healed, or for its request limit. */
  InjectedFault inject(CrmFault fault);
}
