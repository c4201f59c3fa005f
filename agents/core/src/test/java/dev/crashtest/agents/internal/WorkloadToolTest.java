package dev.crashtest.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolSpecification;
import org.junit.jupiter.api.Test;

class WorkloadToolTest {
  private static final ToolSpecification SPEC = ToolSpecification.builder().name("t").build();

  @Test
  void post_put_patch_and_delete_are_writes_get_is_not() {
    assertThat(http("POST").isWrite()).as("POST").isTrue();
    assertThat(http("put").isWrite()).as("put, any case").isTrue();
    assertThat(http("PATCH").isWrite()).as("PATCH").isTrue();
    assertThat(http("DELETE").isWrite()).as("DELETE").isTrue();
    assertThat(http("GET").isWrite()).as("GET").isFalse();
  }

  @Test
  void get_and_delete_send_no_body_even_with_a_template() {
    assertThat(http("GET").sendsBody()).as("GET").isFalse();
    assertThat(http("DELETE").sendsBody()).as("DELETE").isFalse();
    assertThat(http("PUT").sendsBody()).as("PUT").isTrue();
    assertThat(WorkloadTool.http(SPEC, "s", "POST", "/x", null, null).sendsBody()).as("POST without a template")
        .isFalse();
  }

  @Test
  void a_gate_is_neither_a_write_nor_a_call() {
    WorkloadTool gate = WorkloadTool.gate(SPEC);

    assertThat(gate.isWrite()).as("write").isFalse();
    assertThat(gate.service()).as("service").isNull();
  }

  private static WorkloadTool http(String method) {
    return WorkloadTool.http(SPEC, "s", method, "/x", Json.object().put("a", "{a}"), null);
  }
}
