package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardTest {

  @Test
  void every_cell_is_in_exactly_one_of_n_shards_for_any_matrix_and_n() {
    for (int size = 0; size <= 13; size++) {
      List<Integer> cells = IntStream.range(0, size).boxed().toList();
      for (int n = 1; n <= 7; n++) {
        List<Integer> seen = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          seen.addAll(new Shard(i, n).slice(cells));
        }
        assertThat(seen).as("%d cells over %d shards", size, n).containsExactlyInAnyOrderElementsOf(cells);
      }
    }
  }

  @Test
  void a_shard_takes_every_nth_cell_in_the_campaigns_order() {
    List<String> cells = List.of("naive×happy-path#1", "naive×happy-path#2", "naive×crash#1", "naive×crash#2", "x");

    assertThat(Shard.parse("1/2").slice(cells)).as("1/2").containsExactly("naive×happy-path#1", "naive×crash#1", "x");
    assertThat(Shard.parse("2/2").slice(cells)).as("2/2").containsExactly("naive×happy-path#2", "naive×crash#2");
    assertThat(Shard.parse("4/4").slice(cells)).as("4/4").containsExactly("naive×crash#2");
  }

  @Test
  void i_must_lie_between_1_and_n() {
    assertThatThrownBy(() -> Shard.parse("3/2")).as("3/2")
        .hasMessage("--shard takes i/n with 1 <= i <= n <= 1000, got [3/2]; for example: --shard 1/2");
    assertThatThrownBy(() -> Shard.parse("0/2")).as("0/2")
        .hasMessage("--shard takes i/n with 1 <= i <= n <= 1000, got [0/2]; for example: --shard 1/2");
    assertThatThrownBy(() -> Shard.parse("half")).as("half")
        .hasMessage("--shard takes i/n with 1 <= i <= n <= 1000, got [half]; for example: --shard 1/2");
  }
}
