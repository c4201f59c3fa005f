package dev.crashtest.fakes.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.fakes.InjectedFault;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FaultRegistryTest {

  /** A fake's fault: what it targets and for how many requests (0: until healed). */
  record Fault(String target, int requests) {}

  private final FaultRegistry<Fault> registry = new FaultRegistry<>("TestFaults",
      fault -> fault.requests() == 0 ? OptionalInt.empty() : OptionalInt.of(fault.requests()),
      fault -> "fail " + fault.target());

  @Test
  void faults_get_ids_in_injection_order_and_the_oldest_matching_one_takes_a_request() {
    InjectedFault first = registry.inject(new Fault("orders", 1));
    InjectedFault second = registry.inject(new Fault("quotes", 0));

    assertThat(List.of(first.id(), second.id())).as("ids").containsExactly("f-1", "f-2");
    assertThat(registry.claim(fault -> fault.target().equals("quotes"))).as("a quotes request")
        .hasValueSatisfying(claimed -> assertThat(claimed.id()).isEqualTo("f-2"));
    assertThat(registry.claim(fault -> true)).as("any request")
        .hasValueSatisfying(claimed -> assertThat(claimed.fault()).isEqualTo(new Fault("orders", 1)));
    assertThat(registry.toString()).as("after f-1 used its one request")
        .isEqualTo("TestFaults[InjectedFault[f-2: fail quotes, hits 1]]");
  }

  @Test
  void a_fault_for_n_requests_takes_exactly_n_of_many_concurrent_requests() throws Exception {
    registry.inject(new Fault("orders", 5));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> requests = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        requests.add(() -> registry.claim(fault -> true).isPresent());
      }
      int taken = 0;
      for (Future<Boolean> request : pool.invokeAll(requests)) {
        taken += request.get() ? 1 : 0;
      }
      assertThat(taken).as("requests the fault took").isEqualTo(5);
      assertThat(registry.active()).as("active faults once used up").isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void a_healed_fault_takes_no_more_requests_and_heal_by_id_reports_whether_it_found_one() {
    registry.inject(new Fault("orders", 0));
    InjectedFault other = registry.inject(new Fault("quotes", 0));

    assertThat(registry.heal("f-1")).as("heal f-1").isTrue();
    assertThat(registry.heal("f-1")).as("heal f-1 again").isFalse();
    assertThat(registry.activeFaults()).as("active after healing f-1").extracting(CountedFault::id)
        .containsExactly("f-2");
    registry.healAll();
    assertThat(other.active()).as("f-2 after healAll").isFalse();
    assertThat(registry.claim(fault -> true)).as("a request after healAll").isEmpty();
    assertThat(registry.inject(new Fault("orders", 0)).id()).as("the next id").isEqualTo("f-3");
  }
}
