package dev.crashtest.env;

import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.crm.CrmFault;
import java.net.URI;

/** What the harness does to the CRM, wherever it runs: Java calls in this JVM, its admin API in a container. */
public interface CrmService {
  /** The CRM address that is {@code agent}'s own (its workload identity), on the CRM's socket. */
  URI workloadUrl(String agent);

  /** Applies a fault to the CRM's own answers until healed. */
  InjectedFault inject(CrmFault fault);
}
