package dev.crashtest.fakes.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.crashtest.fakes.model.ModelFault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link ModelFault#toWire()} gives what the admin API parses back into the same fault. */
class ModelFaultWireTest {

  /** The fault sent as JSON text and parsed by the admin API's own parser. */
  private static FaultPlan roundTrip(ModelFault fault) throws JsonProcessingException {
    return FaultTypes.parse(Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(fault.toWire())));
  }

  private static FaultPlan plan(FaultKind kind) {
    return FaultPlan.of(kind, FaultPlan.UNTIL_HEALED, Optional.empty());
  }

  @Test
  void every_kind_comes_back_equal_through_the_admin_parser() throws Exception {
    Map<ModelFault, FaultPlan> faults = Map.of(
        ModelFault.rateLimited(Duration.ofSeconds(2)), plan(new RateLimitedFault(Duration.ofSeconds(2))),
        ModelFault.serverError(502), plan(new ServerErrorFault(502)),
        ModelFault.overloaded(), plan(new OverloadedFault()),
        ModelFault.delay(Duration.ofMillis(1250)), plan(new DelayFault(Duration.ofMillis(1250))),
        ModelFault.malformedJson(), plan(new MalformedJsonFault()),
        ModelFault.streamCutAfter(3), plan(new StreamCutFault(3)),
        ModelFault.slowStream(Duration.ofMillis(40)), plan(new SlowStreamFault(Duration.ofMillis(40))),
        ModelFault.contextLengthExceeded(500), plan(new ContextLengthFault(500)),
        ModelFault.wrongToolArguments(42), plan(new WrongToolArgumentsFault(42)),
        ModelFault.wrongToolArguments(), plan(new WrongToolArgumentsFault(0)));

    for (Map.Entry<ModelFault, FaultPlan> fault : faults.entrySet()) {
      assertThat(roundTrip(fault.getKey())).as("%s through %s", fault.getKey(), fault.getKey().toWire())
          .isEqualTo(fault.getValue());
    }
  }

  @Test
  void request_limit_and_tool_scope_come_back_too() throws Exception {
    ModelFault fault = ModelFault.rateLimited(Duration.ofMillis(1500)).forRequests(3).whenToolCall("create_quote");

    assertThat(roundTrip(fault)).as("scoped fault through the admin parser").isEqualTo(
        FaultPlan.of(new RateLimitedFault(Duration.ofMillis(1500)), 3, Optional.of("create_quote")));
  }

  @Test
  void wire_form_lists_type_then_parameter_then_scope() {
    assertThat(ModelFault.rateLimited(Duration.ofMillis(1500)).forRequests(3).whenToolCall("create_quote").toWire())
        .as("rate limited, scoped").containsExactly(Map.entry("type", "rate_limited"),
            Map.entry("retryAfterSeconds", 1.5), Map.entry("forRequests", 3),
            Map.entry("whenToolCall", "create_quote"));
    assertThat(ModelFault.rateLimited(Duration.ofSeconds(2)).toWire()).as("rate limited, whole seconds")
        .containsExactly(Map.entry("type", "rate_limited"), Map.entry("retryAfterSeconds", 2L));
    assertThat(ModelFault.overloaded().toWire()).as("overloaded")
        .containsExactly(Map.entry("type", "overloaded"));
    assertThat(ModelFault.wrongToolArguments().toWire()).as("wrong tool arguments, default seed")
        .containsExactly(Map.entry("type", "wrong_tool_arguments"), Map.entry("seed", 0L));
  }

  @Test
  void a_fraction_of_a_millisecond_is_refused_rather_than_rounded() {
    for (ModelFault fault : List.of(ModelFault.delay(Duration.ofNanos(1_500_000)),
        ModelFault.slowStream(Duration.ofNanos(1_500_000)), ModelFault.rateLimited(Duration.ofNanos(1_500_000)))) {
      assertThatThrownBy(fault::toWire).as("%s", fault).isInstanceOf(IllegalArgumentException.class)
          .hasMessageEndingWith(" PT0.0015S has a fraction of a millisecond, which the admin API cannot carry;"
              + " use whole milliseconds, e.g. Duration.ofMillis(1)");
    }
    assertThatThrownBy(ModelFault.delay(Duration.ofNanos(1_500_000))::toWire).as("delay")
        .hasMessageStartingWith("model fault [delay]: [delayMillis] ");
  }
}
