package dev.crashtest.fakes.stub.internal;

import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.faults.CountedFault;
import dev.crashtest.fakes.faults.FaultRegistry;
import dev.crashtest.fakes.stub.StubFault;
import dev.crashtest.fakes.stub.StubFaults;
import java.util.List;
import java.util.Optional;

/**
 * The stub service's injected faults: the shared {@link FaultRegistry}, where a fault takes a request when it has no
 * operation or the request's, and refuses a fault on an operation the server does not have.
 *
 * <pre>{@code
 * StubFaultRegistry faults = new StubFaultRegistry(List.of("get_order", "create_refund"));
 * faults.inject(StubFault.conflict().on("create_refund").forRequests(1));
 * faults.claim("create_refund");   // Optional[f-1], then empty
 * }</pre>
 */
public final class StubFaultRegistry extends FaultRegistry<StubFault> implements StubFaults {
  private final List<String> operations;

  public StubFaultRegistry(List<String> operations) {
    super("StubFaults", StubFault::requestLimit, StubFault::describe);
    this.operations = List.copyOf(operations);
  }

  @Override
  public InjectedFault inject(StubFault fault) {
    fault.operation().filter(operation -> !operations.contains(operation)).ifPresent(operation -> {
      throw new IllegalArgumentException("stub-service: fault [operation] [" + operation + "] is not an operation"
          + " of this server; known operations: " + String.join(", ", operations));
    });
    return super.inject(fault);
  }

  /** The first-injected active fault that takes a request of {@code operation}, counted as a hit. */
  Optional<CountedFault<StubFault>> claim(String operation) {
    return claim(fault -> fault.operation().isEmpty() || fault.operation().get().equals(operation));
  }
}
