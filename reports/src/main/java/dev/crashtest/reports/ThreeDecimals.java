package dev.crashtest.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.OptionalDouble;

/** Writes pass^k to three decimals, as report.json always has; empty is left out (with {@code NON_EMPTY}). */
final class ThreeDecimals extends StdSerializer<OptionalDouble> {
  ThreeDecimals() {
    super(OptionalDouble.class);
  }

  @Override
  public void serialize(OptionalDouble value, JsonGenerator json, SerializerProvider provider) throws IOException {
    json.writeNumber(Math.round(value.getAsDouble() * 1000) / 1000.0);
  }

  @Override
  public boolean isEmpty(SerializerProvider provider, OptionalDouble value) {
    return value == null || value.isEmpty();
  }
}
