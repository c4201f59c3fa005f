package dev.crashtest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.junit.DockerTests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/**
 * The LangGraph.js agent on the container backend: node, the npm packages and the script in an image built here,
 * its PostgreSQL platform on this host as for dbos. Needs Docker and the base image
 * ({@code ci/docker.sh && ci/build-base-image.sh}) and the npm packages (installed on first use, as in
 * {@link LangGraphAgentIT}).
 */
class LangGraphContainersIT {
  @TempDir Path out;

  @BeforeAll
  static void docker_and_the_npm_packages() throws IOException, InterruptedException {
    DockerTests.requireDocker("LangGraphContainersIT");
    LangGraphAgentIT.installTheNpmPackagesOnFirstUse();
  }

  @Test
  void langgraph_agent_in_an_image_built_here_gets_the_same_verdicts_and_leaves_no_container() throws Exception {
    Console run = Console.capture(() -> CrashtestCli.execute("run", "--backend", "containers", "--scenario",
        "happy-path,approval-withheld,crash-before-create-quote", "--agent", "langgraph", "--seed", "42", "--out",
        out.toString()));

    assertThat(run.code()).as("exit code; output:%n%s%s", run.out(), run.err()).isZero();
    JsonNode runs = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("runs");
    assertThat(runs).as("runs").hasSize(3);
    for (JsonNode one : runs) {
      assertThat(one.get("verdict").asText()).as("%s: %s %s", one.get("scenario").asText(), one.get("violations"),
          one.get("error")).isEqualTo("PASS");
    }
    assertThat(runs.get(2).get("reproduce").asText()).as("reproduce")
        .isEqualTo("./crashtest run --scenario crash-before-create-quote --agent langgraph --backend containers"
            + " --seed 42");
    assertThat(Files.readString(out.resolve("happy-path--langgraph/agent.log"))).as("the container's output")
        .contains("procurement-agent (langgraph) listening on");
    List<String> images = DockerClientFactory.instance().client().listImagesCmd()
        .withImageNameFilter("crashtest/agent-langgraph").exec().stream()
        .flatMap(image -> image.getRepoTags() == null ? java.util.stream.Stream.empty()
            : java.util.Arrays.stream(image.getRepoTags()))
        .toList();
    assertThat(images).as("the agent's image, built here").isNotEmpty();
    assertThat(DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of("dev.crashtest.owner-pid", String.valueOf(ProcessHandle.current().pid()))).exec())
        .as("containers of this JVM left").isEmpty();
  }
}
