package dev.crashtest.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HistoryTest {

  @Test
  void subscribers_see_ops_appended_from_several_threads_in_index_order() throws Exception {
    History history = History.startingNow();
    List<Long> seen = Collections.synchronizedList(new ArrayList<>());
    history.subscribe(op -> seen.add(op.index()));
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> appends = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        appends.add(threads.submit(() -> IntStream.range(0, 500).forEach(i ->
            history.append("crm", "agent", "get_account", OpType.OK, Map.of()))));
      }
      for (Future<?> append : appends) {
        append.get(30, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(seen).as("indexes the subscriber saw").hasSize(2_000).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void append_returns_once_its_op_has_been_seen() {
    History history = History.startingNow();
    List<String> seen = new ArrayList<>();
    history.subscribe(op -> seen.add(op.operation()));

    history.append("crm", "agent", "place_order", OpType.OK, Map.of());

    assertThat(seen).as("ops seen when append returned").containsExactly("place_order");
  }

  @Test
  void a_subscriber_that_appends_sees_its_own_op_next_in_order_without_deadlock() {
    History history = History.startingNow();
    List<String> seen = new ArrayList<>();
    history.subscribe(op -> {
      seen.add(op.index() + ":" + op.operation());
      if (op.operation().equals("place_order")) {
        history.append("harness", "nemesis", "fault_injected", OpType.INFO, Map.of());
      }
    });
    history.subscribe(op -> seen.add(op.index() + ":second"));

    history.append("crm", "agent", "place_order", OpType.OK, Map.of());
    history.append("crm", "agent", "add_note", OpType.OK, Map.of());

    assertThat(seen).as("what both subscribers saw, in order")
        .containsExactly("0:place_order", "0:second", "1:fault_injected", "1:second", "2:add_note", "2:second");
  }

  @Test
  void a_subscriber_that_waits_for_another_threads_append_is_not_deadlocked_and_order_holds() {
    History history = History.startingNow();
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    history.subscribe(op -> {
      seen.add(op.operation());
      if (op.operation().equals("fault_injected")) {
        // as a fault applied through a service's admin API, whose event comes back on an HTTP thread
        CompletableFuture.runAsync(() -> history.append("identity", "harness", "rotate_client_secret",
            OpType.OK, Map.of())).orTimeout(10, TimeUnit.SECONDS).join();
        seen.add("admin call returned");
      }
    });

    history.append("harness", "nemesis", "fault_injected", OpType.INFO, Map.of());

    assertThat(seen).as("what the subscriber saw, in order")
        .containsExactly("fault_injected", "admin call returned", "rotate_client_secret");
  }
}
