package dev.crashtest.fakes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptTest {
  @TempDir Path dir;

  @Test
  void the_built_in_procurement_script_is_named_procurement() {
    Script script = Script.procurement();

    assertThat(script.name()).as("name").isEqualTo("procurement");
    assertThat(script.ruleNames()).as("rules").hasSize(7).contains("read the account", "summary after the note");
  }

  @Test
  void a_script_file_is_loaded() throws IOException {
    Path file = Files.writeString(dir.resolve("hello.json"),
        "{\"name\": \"hello\", \"rules\": [{\"then\": {\"content\": \"Hello ${goal}\"}}]}");

    assertThat(Script.fromFile(file).ruleNames()).as("rules of " + file).containsExactly("#1");
  }

  @Test
  void a_bad_script_file_is_refused_with_one_line_naming_the_file_and_the_field() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.json"),
        "{\"rules\": [\n  {\"then\": {\"toolCalls\": [{\"name\": \"get_account\", \"arguments\": [1]}]}}\n]}");

    assertThatThrownBy(() -> Script.fromFile(file)).as("loading " + file)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("script [" + file + "]: field [rules[0].then.toolCalls[0].arguments] must be a JSON object, "
            + "e.g. {\"account_id\": \"${goal.account}\"}");
  }

  @Test
  void a_missing_script_file_is_refused_naming_the_file() {
    Path file = dir.resolve("missing.json");

    assertThatThrownBy(() -> Script.fromFile(file)).as("loading " + file)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("script [" + file + "]: cannot be read: java.nio.file.NoSuchFileException: " + file);
  }
}
