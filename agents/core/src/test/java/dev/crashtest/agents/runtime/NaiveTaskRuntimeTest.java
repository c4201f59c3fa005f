package dev.crashtest.agents.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crashtest.agents.ApprovalResult;
import dev.crashtest.agents.TaskRequest;
import dev.crashtest.agents.TaskSnapshot;
import dev.crashtest.agents.TaskStatus;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NaiveTaskRuntimeTest {
  private NaiveTaskRuntime runtime;

  @AfterEach
  void stop() {
    runtime.close();
  }

  @Test
  void same_task_id_twice_runs_the_workflow_once() {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    runtime = new NaiveTaskRuntime(context -> {
      runs.incrementAndGet();
      release.await(10, TimeUnit.SECONDS);
      return "done";
    });

    runtime.submit(request("T-1"));
    TaskSnapshot second = runtime.submit(request("T-1"));
    release.countDown();

    assertThat(second.status()).as("status answered to the second submission").isEqualTo(TaskStatus.RUNNING);
    await("task T-1 completes").atMost(Duration.ofSeconds(30))
        .until(() -> runtime.find("T-1").map(TaskSnapshot::status).orElseThrow() == TaskStatus.COMPLETED);
    assertThat(runs).as("workflow runs").hasValue(1);
    assertThat(runtime.submit(request("T-1")).result()).as("resubmitting a completed task").isEqualTo("done");
    assertThat(runs).as("workflow runs after a third submission").hasValue(1);
  }

  @Test
  void approval_gate_holds_the_task_until_approved() {
    runtime = new NaiveTaskRuntime(context -> "approved by " + context.awaitApproval());

    assertThat(runtime.approve("T-1", "alice").outcome()).as("approving an unknown task")
        .isEqualTo(ApprovalResult.Outcome.UNKNOWN_TASK);
    runtime.submit(request("T-1"));
    await("task T-1 awaits approval").atMost(Duration.ofSeconds(30))
        .until(() -> runtime.find("T-1").orElseThrow().status() == TaskStatus.AWAITING_APPROVAL);
    ApprovalResult approval = runtime.approve("T-1", "alice");

    assertThat(approval.outcome()).as("approval").isEqualTo(ApprovalResult.Outcome.APPROVED);
    await("task T-1 completes").atMost(Duration.ofSeconds(30))
        .until(() -> runtime.find("T-1").orElseThrow().status() == TaskStatus.COMPLETED);
    assertThat(runtime.find("T-1").orElseThrow().result()).as("result").isEqualTo("approved by alice");
    assertThat(runtime.approve("T-1", "bob").outcome()).as("approving a completed task")
        .isEqualTo(ApprovalResult.Outcome.NOT_AWAITING_APPROVAL);
  }

  @Test
  void workflow_that_throws_fails_the_task_with_its_message() {
    runtime = new NaiveTaskRuntime(context -> {
      throw new IllegalStateException("model failed after 5 retries");
    });

    runtime.submit(request("T-1"));

    await("task T-1 fails").atMost(Duration.ofSeconds(30))
        .until(() -> runtime.find("T-1").orElseThrow().status() == TaskStatus.FAILED);
    assertThat(runtime.find("T-1").orElseThrow().error()).as("error").isEqualTo("model failed after 5 retries");
  }

  @Test
  void a_new_runtime_knows_nothing_of_the_tasks_of_an_earlier_one() {
    runtime = new NaiveTaskRuntime(context -> "done");
    runtime.submit(request("T-1"));
    runtime.close();

    runtime = new NaiveTaskRuntime(context -> "done");

    assertThat(runtime.find("T-1")).as("T-1 after a restart").isEmpty();
  }

  private static TaskRequest request(String taskId) {
    return new TaskRequest(taskId, "Buy 5 units of LAPTOP-14 for account ACME-001.", "user-jwt");
  }
}
