package dev.crashtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SeedsTest {

  @Test
  void the_first_try_keeps_the_campaign_seed_and_later_tries_get_distinct_positive_seeds() {
    assertThat(Seeds.forRepeat(42L, 0)).as("try 0").isEqualTo(42L);
    assertThat(IntStream.range(0, 50).mapToLong(i -> Seeds.forRepeat(42L, i)).boxed().toList())
        .as("50 tries").doesNotHaveDuplicates().allSatisfy(seed -> assertThat(seed).isNotNegative());
  }

  @Test
  void a_try_seed_depends_only_on_the_campaign_seed_and_the_index() {
    assertThat(Seeds.forRepeat(42L, 3)).as("same inputs").isEqualTo(Seeds.forRepeat(42L, 3))
        .as("other campaign").isNotEqualTo(Seeds.forRepeat(43L, 3));
  }

  @Test
  void a_run_seed_names_its_try_and_a_foreign_seed_names_none() {
    assertThat(Seeds.tryOf(42L, 5, Seeds.forRepeat(42L, 3))).as("try 3 of 5").hasValue(3);
    assertThat(Seeds.tryOf(42L, 5, 42L)).as("the campaign seed is try 0").hasValue(0);
    assertThat(Seeds.tryOf(42L, 3, Seeds.forRepeat(42L, 3))).as("a try beyond the campaign's tries").isEmpty();
    assertThat(Seeds.tryOf(42L, 5, 7L)).as("a seed of no try").isEmpty();
  }
}
