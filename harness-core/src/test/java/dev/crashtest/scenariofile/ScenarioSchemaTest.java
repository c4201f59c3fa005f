package dev.crashtest.scenariofile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScenarioSchemaTest {
  private static final Path PUBLISHED = Path.of("../docs/scenario.schema.json");

  /**
   * The schema editors use is the one the reader validates with. To publish a changed one:
   * {@code mvn -B -q -pl harness-core test -Dtest=ScenarioSchemaTest -Dcrashtest.schema.write=true}.
   */
  @Test
  void the_published_schema_is_the_generated_one() throws IOException {
    String generated = ScenarioSchema.json();
    if (Boolean.getBoolean("crashtest.schema.write")) {
      Files.writeString(PUBLISHED, generated);
    }
    assertThat(Files.readString(PUBLISHED))
        .as("docs/scenario.schema.json is out of date; regenerate it with: mvn -B -q -pl harness-core test"
            + " -Dtest=ScenarioSchemaTest -Dcrashtest.schema.write=true")
        .isEqualTo(generated);
  }

  @Test
  void the_schema_is_the_same_text_every_time() {
    assertThat(ScenarioSchema.json()).isEqualTo(ScenarioSchema.json()).contains("\"if\" : {");
  }

  @Test
  void every_fault_kind_has_its_own_branch_with_no_unknown_fields() {
    String schema = ScenarioSchema.json();
    for (String kind : FaultForms.names()) {
      assertThat(schema).as(kind).contains("\"#/$defs/fault-" + kind + "\"");
    }
  }
}
