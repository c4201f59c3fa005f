package dev.crashtest.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PassKTest {

  @Test
  void with_exactly_k_tries_pass_k_is_one_only_when_every_try_passed() {
    assertThat(PassK.estimate(3, 3, 3)).as("3 of 3").isEqualTo(1.0);
    assertThat(PassK.estimate(3, 2, 3)).as("2 of 3").isEqualTo(0.0);
    assertThat(PassK.estimate(1, 1, 1)).as("1 of 1").isEqualTo(1.0);
  }

  @Test
  void with_more_tries_than_k_it_is_the_share_of_k_subsets_that_all_passed() {
    assertThat(PassK.estimate(4, 3, 2)).as("C(3,2)/C(4,2)").isCloseTo(0.5, within(1e-9));
    assertThat(PassK.estimate(8, 4, 1)).as("pass^1 is the pass rate").isCloseTo(0.5, within(1e-9));
    assertThat(PassK.estimate(5, 1, 2)).as("one success cannot make a pair").isEqualTo(0.0);
  }

  @Test
  void k_beyond_the_tries_is_refused_with_the_numbers() {
    assertThatThrownBy(() -> PassK.estimate(2, 2, 3))
        .hasMessage("pass^k needs 1 <= k <= tries, got k [3] for [2] tries");
  }
}
