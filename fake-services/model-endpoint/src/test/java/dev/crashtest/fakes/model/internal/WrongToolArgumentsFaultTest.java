package dev.crashtest.fakes.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crashtest.fakes.model.internal.ScriptedReply.ToolCall;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class WrongToolArgumentsFaultTest {
  private static final String QUOTE = "{\"account_id\":\"ACME-001\",\"sku\":\"LAPTOP-14\",\"quantity\":5}";

  private static ChatAnswer answer(ToolCall... calls) {
    ChatRequest request = ChatRequest.parse("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": "
        + "\"hi\"}]}");
    return ChatAnswer.scripted(new CompletionRenderer(Clock.systemUTC()), request,
        new ScriptedReply(Optional.of("r"), null, List.of(calls)), new LinkedHashMap<>());
  }

  private static JsonNode arguments(ChatAnswer answer, int call) {
    return Json.tryParse(answer.reply().toolCalls().get(call).arguments()).orElseThrow();
  }

  @Test
  void exactly_one_argument_changes_to_a_valid_other_value() {
    for (long seed = 0; seed < 40; seed++) {
      ChatAnswer answer = answer(new ToolCall("call_2_1", "create_quote", QUOTE));

      assertThat(new WrongToolArgumentsFault(seed).apply(answer)).as("applied, seed " + seed).isTrue();

      JsonNode wrong = arguments(answer, 0);
      JsonNode scripted = Json.tryParse(QUOTE).orElseThrow();
      int changed = 0;
      for (String field : List.of("account_id", "sku", "quantity")) {
        changed += wrong.get(field).equals(scripted.get(field)) ? 0 : 1;
      }
      assertThat(changed).as("changed arguments, seed " + seed).isEqualTo(1);
      assertThat(wrong.get("account_id").asText()).as("account, seed " + seed)
          .isIn(WrongToolArgumentsFault.ACCOUNTS);
      assertThat(wrong.get("sku").asText()).as("sku, seed " + seed).isIn(WrongToolArgumentsFault.SKUS);
      assertThat(wrong.get("quantity").isInt() && wrong.get("quantity").asInt() >= 1)
          .as("quantity is a whole number >= 1, seed " + seed).isTrue();
    }
  }

  @Test
  void the_same_seed_gives_the_same_arguments_and_seeds_vary_them() {
    Set<String> variants = new TreeSet<>();
    for (long seed = 0; seed < 20; seed++) {
      ChatAnswer first = answer(new ToolCall("call_2_1", "create_quote", QUOTE));
      ChatAnswer second = answer(new ToolCall("call_2_1", "create_quote", QUOTE));
      new WrongToolArgumentsFault(seed).apply(first);
      new WrongToolArgumentsFault(seed).apply(second);

      assertThat(arguments(second, 0)).as("second answer, seed " + seed).isEqualTo(arguments(first, 0));
      variants.add(arguments(first, 0).toString());
    }

    assertThat(variants).as("distinct wrong arguments over 20 seeds").hasSizeGreaterThan(5);
  }

  @Test
  void an_id_keeps_its_shape_and_free_text_is_left_alone() {
    ChatAnswer answer = answer(new ToolCall("call_4_1", "place_order", "{\"quote_id\":\"Q-7\"}"),
        new ToolCall("call_4_2", "add_note", "{\"text\":\"Thanks, all done.\"}"));

    new WrongToolArgumentsFault(1).apply(answer);

    assertThat(arguments(answer, 0).get("quote_id").asText()).as("quote id").matches("Q-\\d+").isNotEqualTo("Q-7");
    assertThat(arguments(answer, 1).get("text").asText()).as("note text").isEqualTo("Thanks, all done.");
    assertThat(answer.details().get("wrongArguments")).as("wrongArguments detail").asList().singleElement()
        .isEqualTo(Map.of("tool", "place_order", "argument", "quote_id", "scripted", "Q-7",
            "sent", arguments(answer, 0).get("quote_id").asText()));
  }

  @Test
  void an_answer_with_nothing_to_change_is_not_affected() {
    ChatAnswer answer = answer(new ToolCall("call_1_1", "add_note", "{\"text\":\"hello\"}"));

    assertThat(new WrongToolArgumentsFault(0).apply(answer)).as("applied").isFalse();
    assertThat(answer.details()).as("details").doesNotContainKey("wrongArguments");
  }
}
