package dev.crashtest.fakes.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TemplateTest {
  private static final Pattern GOAL = Pattern.compile("Buy (?<quantity>\\d+) units of (\\S+) for account (?<account>[\\w-]+)");

  private final TemplateContext context = TemplateContext.of(Chat.procurementUntil("place_order").conversation(),
      List.of(GOAL));

  private String render(String template) {
    return Template.parse(template).render(context);
  }

  private JsonNode value(String template) {
    return Template.parse(template).value(context);
  }

  @Test
  void goal_groups_are_filled_by_name_and_by_number() {
    assertThat(render("${goal.account}/${goal.2}/${goal.quantity}")).as("rendered")
        .isEqualTo("ACME-001/LAPTOP-14/5");
    assertThat(render("${goal}")).as("whole goal").isEqualTo(Chat.GOAL);
  }

  @Test
  void goal_groups_stay_strings_unless_converted() {
    assertThat(value("${goal.quantity}").isTextual()).as("plain group is a string").isTrue();
    assertThat(value("${goal.quantity:int}").asLong()).as("converted group").isEqualTo(5L);
    assertThat(value("${goal.quantity:int}").isIntegralNumber()).as("converted group is an integer").isTrue();
  }

  @Test
  void result_fields_are_read_from_the_latest_result_of_the_named_tool() {
    assertThat(render("quote ${result.create_quote.quoteId}, order ${result.place_order.orderId}"))
        .as("rendered").isEqualTo("quote Q-7, order O-42");
  }

  @Test
  void a_template_that_is_one_placeholder_keeps_the_json_type_of_the_result_field() {
    assertThat(value("${result.create_quote.total}").isNumber()).as("total is a number").isTrue();
    assertThat(value("${result.request_approval.approved}").isBoolean()).as("approved is a boolean").isTrue();
    assertThat(value("total ${result.create_quote.total}").asText()).as("mixed text").isEqualTo("total 6000");
    assertThat(value("${result.request_approval}").toString()).as("whole result")
        .isEqualTo("{\"approved\":true,\"approver\":\"alice\"}");
  }

  @Test
  void array_elements_are_addressed_by_index() {
    TemplateContext items = TemplateContext.of(
        Chat.withGoal("x").toolRound("list", "{\"items\": [{\"id\": \"a\"}, {\"id\": \"b\"}]}").conversation(),
        List.of());

    assertThat(Template.parse("${result.list.items.1.id}").render(items)).as("second item").isEqualTo("b");
  }

  @Test
  void last_tool_and_turn_are_filled() {
    assertThat(render("${last.tool} at turn ${turn}: ${last.result.orderId}")).as("rendered")
        .isEqualTo("place_order at turn 5: O-42");
  }

  @Test
  void a_double_dollar_writes_a_literal_placeholder() {
    assertThat(render("cost: $${goal} and $5")).as("rendered").isEqualTo("cost: ${goal} and $5");
  }

  @Test
  void a_result_that_has_not_arrived_cannot_be_filled() {
    TemplateContext early = TemplateContext.of(Chat.procurementUntil("get_account").conversation(), List.of(GOAL));

    assertThatThrownBy(() -> Template.parse("${result.create_quote.quoteId}").render(early))
        .as("missing result").isInstanceOf(TemplateException.class)
        .hasMessage("${result.create_quote.quoteId}: no result of tool [create_quote] yet");
  }

  @Test
  void a_missing_field_names_the_field_and_shows_the_result() {
    assertThatThrownBy(() -> render("${result.request_approval.quoteId}")).as("missing field")
        .isInstanceOf(TemplateException.class)
        .hasMessage("${result.request_approval.quoteId}: the result of tool [request_approval] has no field "
            + "[quoteId]: {\"approved\":true,\"approver\":\"alice\"}");
  }

  @Test
  void a_non_integer_cannot_be_converted_to_int() {
    assertThatThrownBy(() -> render("${goal.account:int}")).as("bad conversion")
        .isInstanceOf(TemplateException.class)
        .hasMessage("${goal.account:int} is [ACME-001], not an integer");
  }

  @Test
  void malformed_placeholders_are_refused_when_parsed() {
    assertThatThrownBy(() -> Template.parse("${goal.account")).as("unclosed")
        .hasMessage("placeholder [${goal.account] has no closing }");
    assertThatThrownBy(() -> Template.parse("${results.x}")).as("unknown root")
        .hasMessage("placeholder [${results.x}] must start with goal, result, last or turn, e.g. ${goal.account} "
            + "or ${result.create_quote.quoteId}");
    assertThatThrownBy(() -> Template.parse("${goal.a:float}")).as("unknown conversion")
        .hasMessage("placeholder [${goal.a:float}] has unknown conversion [:float]; known: :int, :number, :string");
    assertThatThrownBy(() -> Template.parse("${result}")).as("result without a tool")
        .hasMessageStartingWith("placeholder [${result}] is not one of ${goal}, ${goal.NAME}");
  }
}
