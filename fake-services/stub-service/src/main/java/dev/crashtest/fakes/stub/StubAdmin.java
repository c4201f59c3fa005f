package dev.crashtest.fakes.stub;

import dev.crashtest.fakes.InjectedFault;
import java.net.URI;

/**
 * What an operator does to a stub service, wherever it runs: {@link StubServer} in this JVM, {@link
 * StubAdminClient} for one in another process.
 *
 * <pre>{@code
 * StubAdmin stubs = inThisJvm ? stubServer : StubAdminClient.at(URI.create("http://127.0.0.1:41005"));
 * URI own = stubs.workloadUrl("naive-agent");   // http://127.0.0.1:41877; services under it: own + "/refunds"
 * }</pre>
 */
public interface StubAdmin {
  /**
   * The base address that is {@code agent}'s own (its workload identity, as mTLS would prove it); each service is
   * under it at {@code /<service>}. A delegated token of another agent is refused there.
   */
  URI workloadUrl(String agent);

  /** Applies {@code fault} until healed, or for its request limit. */
  InjectedFault inject(StubFault fault);
}
