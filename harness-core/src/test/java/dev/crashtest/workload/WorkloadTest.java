package dev.crashtest.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadTest {

  @Test
  void procurement_draws_the_same_goal_as_the_built_in_task_for_a_seed() {
    Workload procurement = Workload.procurement();
    Random random = new Random(42);
    random.nextInt(); // the task id is drawn first
    assertThat(procurement.goal(random)).isEqualTo(dev.crashtest.scenario.Task.procurement(new Random(42)).goal());
    assertThat(procurement.toolNames()).containsExactly("get_account", "create_quote", "request_approval",
        "place_order", "add_note");
    assertThat(procurement.committedOperations()).containsExactly("crm.create_quote", "crm.place_order",
        "crm.add_note");
    assertThat(procurement.isBuiltInServices()).isTrue();
  }

  @Test
  void the_support_desk_reads_with_its_stubs_effects_and_gate() {
    Workload desk = Workload.builtIn("support-desk").orElseThrow();
    assertThat(desk.services()).containsOnlyKeys("orders", "refunds", "mail", "cases");
    assertThat(desk.operations()).containsExactly("orders.get_order", "refunds.create_refund", "mail.send_email",
        "cases.add_case_note");
    Tool refund = desk.tools().stream().filter(t -> t.name().equals("create_refund")).findFirst().orElseThrow();
    assertThat(refund.effect().orElseThrow().needsApproval(120.0)).isTrue();
    assertThat(refund.effect().orElseThrow().needsApproval(75.0)).isFalse();
    assertThat(desk.goal(new Random(7))).matches("Order ORD-100\\d never arrived: refund \\d+ EUR to customer CUST-\\d+,"
        + " email them and note the case\\.");
    assertThat(desk.services().get("refunds").urlVariable()).isEqualTo("HARNESS_SERVICE_REFUNDS_URL");
    assertThat(desk.agentFile(java.util.Map.of("orders", java.net.URI.create("http://127.0.0.1:1/orders"))))
        .contains("\"gate\" : true").contains("\"path\" : \"/orders/{order_id}\"");
  }

  @Test
  void a_broken_workload_names_every_problem_with_its_file_and_field(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("stubs/refunds"));
    Files.writeString(dir.resolve("stubs/refunds/bad.json"), "{\"request\": ");
    Files.writeString(dir.resolve("script.json"), """
        {"name": "s", "rules": [{"when": {}, "then": {"toolCalls": [{"name": "create_refnd"}]}}]}
        """);
    Files.writeString(dir.resolve("workload.yaml"), """
        name: desk
        goal: {template: "Refund {order}"}
        model: {script: script.json}
        services:
          refunds: {stubs: stubs/refunds}
        tools:
          - name: create_refund
            description: Refund.
            parameters: {type: object, properties: {order_id: {type: string}}}
            service: refund
            http: {method: POST, path: /refunds, body: {orderId: "{order_id}"}}
            effect: {type: refund, id: refundId, key: order}
            scop: refunds.write
        """);
    List<String> problems = catchThrowableOfType(WorkloadException.class, () -> Workload.read(dir)).problems();
    String yaml = dir.resolve("workload.yaml").toString();
    assertThat(problems).containsExactly(
        yaml + ":13:5: tools[0].scop: unknown field [scop]; known: name, description, parameters, service, http,"
            + " scope, effect, gate (did you mean scope?)");
    Files.writeString(dir.resolve("workload.yaml"), Files.readString(dir.resolve("workload.yaml"))
        .replace("scop: refunds.write", "scope: refunds.write"));
    problems = catchThrowableOfType(WorkloadException.class, () -> Workload.read(dir)).problems();
    assertThat(problems).containsExactly(
        yaml + ":2:8: goal.template: placeholder {order} has no choices; add goal.choices.order: [...]",
        yaml + ":10:5: tools[0].service: unknown service [refund]; known: refunds (did you mean refunds?)",
        yaml + ":12:42: tools[0].effect.key: [order] is not a field of the request body; body fields: orderId",
        dir.resolve("stubs/refunds/bad.json") + ": not valid WireMock JSON: "
            + problems.get(3).substring(problems.get(3).indexOf("JSON: ") + 6),
        dir.resolve("script.json") + ": rules[0].then.toolCalls[0].name: unknown tool [create_refnd]; known:"
            + " create_refund (did you mean create_refund?)");
  }

  @Test
  void a_stub_that_is_json_but_not_a_wiremock_mapping_gives_wiremocks_reason(@TempDir Path dir) throws IOException {
    Path desk = Workload.builtIn("support-desk").orElseThrow().directory();
    copy(desk, dir);
    Files.writeString(dir.resolve("stubs/mail/send-email.json"), "{\"request\": {\"method\": \"POST\"},"
        + " \"respnse\": {\"status\": 202}}");
    List<String> problems = catchThrowableOfType(WorkloadException.class, () -> Workload.read(dir)).problems();
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).startsWith(dir.resolve("stubs/mail/send-email.json")
        + ": not a WireMock stub mapping: ").contains("respnse");
  }

  @Test
  void a_script_answer_the_model_cannot_give_and_a_scope_nobody_delegates_are_problems(@TempDir Path dir)
      throws IOException {
    copy(Workload.builtIn("support-desk").orElseThrow().directory(), dir);
    Files.writeString(dir.resolve("model-script.json"), Files.readString(dir.resolve("model-script.json"))
        .replace("\"then\": {\"content\": \"Done:", "\"then\": {\"text\": \"Done:"));
    Files.writeString(dir.resolve("workload.yaml"), Files.readString(dir.resolve("workload.yaml"))
        .replace("scope: mail.send", "scope: mail.admin"));
    List<String> problems = catchThrowableOfType(WorkloadException.class, () -> Workload.read(dir)).problems();
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).endsWith("tools[3].scope: [mail.admin] is not among user-scopes (orders.read,"
        + " refunds.write, mail.send, cases.write): the user never delegates it, so every call of this tool would be"
        + " refused; add it to user-scopes");
    assertThat(problems.get(1)).contains("model-script.json").contains("then.text").contains("content");
  }

  private static void copy(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  @Test
  void a_directory_without_workload_yaml_says_what_a_workload_is(@TempDir Path dir) {
    assertThat(catchThrowableOfType(WorkloadException.class, () -> Workload.read(dir)).problems())
        .containsExactly(dir + ": no workload.yaml here; a workload is a directory with a workload.yaml (see"
            + " docs/workloads.md)");
  }
}
