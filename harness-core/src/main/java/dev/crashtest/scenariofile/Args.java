package dev.crashtest.scenariofile;

import dev.crashtest.env.Service;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The fields of one fault item, already checked against the schema, read as the types its params declare. */
final class Args {
  private final JsonNode item;
  private final boolean stubbed;

  /** @param stubbed whether the workload's services are stubs, so a service fault is the stub service's */
  Args(JsonNode item, boolean stubbed) {
    this.item = item;
    this.stubbed = stubbed;
  }

  boolean stubbed() {
    return stubbed;
  }

  boolean has(String name) {
    return item.has(name) && !item.get(name).isNull();
  }

  Duration duration(String name) {
    return Durations.parse(item.get(name).asString()).orElseThrow();
  }

  Optional<Duration> optionalDuration(String name) {
    return has(name) ? Optional.of(duration(name)) : Optional.empty();
  }

  Duration[] jittered(String name) {
    return Durations.parseJittered(item.get(name).asString()).orElseThrow();
  }

  int integer(String name) {
    return item.get(name).asInt();
  }

  Optional<Integer> optionalInteger(String name) {
    return has(name) ? Optional.of(integer(name)) : Optional.empty();
  }

  long longValue(String name) {
    return item.get(name).asLong();
  }

  boolean flag(String name) {
    return has(name) && item.get(name).asBoolean();
  }

  String string(String name) {
    return item.get(name).asString();
  }

  Optional<String> optionalString(String name) {
    return has(name) ? Optional.of(string(name)) : Optional.empty();
  }

  Service hop(String name) {
    return Service.valueOf(string(name).toUpperCase(Locale.ROOT));
  }
}
