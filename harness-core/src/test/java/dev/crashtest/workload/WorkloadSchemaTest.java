package dev.crashtest.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WorkloadSchemaTest {
  private static final Path PUBLISHED = Path.of("../docs/workload.schema.json");

  /** Regenerate: {@code mvn -B -q -pl harness-core test -Dtest=WorkloadSchemaTest -Dcrashtest.schema.write=true}. */
  @Test
  void the_published_schema_is_the_generated_one() throws IOException {
    String generated = WorkloadSchema.json();
    if (Boolean.getBoolean("crashtest.schema.write")) {
      Files.writeString(PUBLISHED, generated);
    }
    assertThat(Files.readString(PUBLISHED))
        .as("docs/workload.schema.json is out of date; regenerate it with: mvn -B -q -pl harness-core test"
            + " -Dtest=WorkloadSchemaTest -Dcrashtest.schema.write=true")
        .isEqualTo(generated);
  }
}
