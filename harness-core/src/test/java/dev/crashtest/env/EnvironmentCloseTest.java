package dev.crashtest.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentCloseTest {

  @Test
  void a_close_that_fails_several_times_keeps_the_first_as_cause_and_the_others_suppressed() {
    IllegalStateException crm = new IllegalStateException("[crm] did not stop");
    IllegalStateException model = new IllegalStateException("[model] did not stop");
    UncheckedIOException directory = new UncheckedIOException("could not delete [/tmp/x]", new IOException("busy"));

    EnvironmentException failure = Environment.notStoppedCleanly(List.of(crm, model, directory));

    assertThat(failure).as("failure").hasMessage(
        "the environment did not stop cleanly: [crm] did not stop (and 2 more, suppressed)").hasCause(crm);
    assertThat(failure.getSuppressed()).as("suppressed").containsExactly(model, directory);
  }

  @Test
  void a_single_failure_is_the_cause_with_nothing_suppressed() {
    IllegalStateException crm = new IllegalStateException("[crm] did not stop");

    EnvironmentException failure = Environment.notStoppedCleanly(List.of(crm));

    assertThat(failure).as("failure").hasMessage("the environment did not stop cleanly: [crm] did not stop")
        .hasCause(crm);
    assertThat(failure.getSuppressed()).as("suppressed").isEmpty();
  }
}
