package dev.crashtest.scenarios;

import dev.crashtest.junit.DockerTests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crashtest.env.containers.LocalImages;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The same scenarios with the agent in a container: the reference agent put in an image built here, and a user's
 * own agent image. Needs Docker and the base image ({@code ci/docker.sh && ci/build-base-image.sh}); without them it
 * fails, unless {@code CRASHTEST_CONTAINERS=optional} (a user's machine), when it is skipped loudly.
 */
class ContainerBackendIT {
  private static final String USER_IMAGE = "crashtest-test/python-agent:it";

  @TempDir Path out;

  @BeforeAll
  static void docker_is_reachable_or_explicitly_optional() {
    DockerTests.requireDocker("ContainerBackendIT");
  }

  @Test
  void reference_agent_in_a_container_gets_the_same_verdicts_and_leaves_no_container() throws Exception {
    Captured run = capture(() -> CrashtestCli.execute("run", "--backend", "containers", "--scenario",
        "happy-path,crash-before-create-quote", "--agent", "naive", "--seed", "42", "--out", out.toString()));

    assertThat(run.code).as("exit code; output:%n%s%s", run.out, run.err).isEqualTo(1);
    JsonNode runs = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("runs");
    assertThat(runs.get(0).get("verdict").asText()).as("happy path").isEqualTo("PASS");
    assertThat(runs.get(1).get("verdict").asText()).as("crash before create_quote").isEqualTo("FAIL");
    assertThat(runs.get(1).get("violations").get(0).get("message").asText()).as("why")
        .contains("lost: after the agent restarted");
    assertThat(run.out).as("reproduce").contains("reproduce: ./crashtest run --scenario crash-before-create-quote"
        + " --agent naive --backend containers --seed 42");
    assertThat(Files.readString(out.resolve("happy-path--naive/agent.log"))).as("the container's output")
        .contains("procurement-agent listening on");
    assertThat(ourContainers()).as("containers of this JVM left").isEmpty();
  }

  @Test
  void faults_reach_services_in_containers_through_their_operator_apis_with_the_same_verdicts() throws Exception {
    Captured run = capture(() -> CrashtestCli.execute("run", "--backend", "containers", "--scenario",
        "crm-commit-then-drop,model-429-storm,delegation-revoked,zombie-worker,agent-network-disconnect", "--agent",
        "naive,temporal",
        "--seed", "42", "--out", out.toString()));

    JsonNode runs = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("runs");
    assertThat(runs).as("runs").hasSize(10);
    for (JsonNode one : runs) {
      String what = one.get("scenario").asText() + " × " + one.get("agent").asText();
      assertThat(one.get("verdict").asText()).as("%s: %s %s", what, one.get("violations"), one.get("error"))
          .isEqualTo("PASS");
    }
    assertThat(Files.readString(out.resolve("crm-commit-then-drop--naive/history.jsonl")))
        .as("events of the CRM in its container, in the history").contains("\"service\":\"crm\"")
        .contains("\"responseDropped\":true");
    assertThat(run.code).as("exit code; output:%n%s%s", run.out, run.err).isEqualTo(0);
    assertThat(ourContainers()).as("containers of this JVM left").isEmpty();
  }

  @Test
  void users_own_agent_image_runs_under_the_contract() throws Exception {
    buildUserImage();

    Captured run = capture(() -> CrashtestCli.execute("run", "--agent-image", USER_IMAGE, "--scenario",
        "happy-path", "--seed", "42", "--out", out.toString()));

    assertThat(run.code).as("exit code; output:%n%s%s", run.out, run.err).isEqualTo(0);
    assertThat(run.out).contains("happy-path × python-agent");
    assertThat(ourContainers()).as("containers of this JVM left").isEmpty();
  }

  @Test
  void an_agent_that_is_only_a_command_here_cannot_go_in_a_container_and_says_what_to_do() {
    Captured run = capture(() -> CrashtestCli.execute("run", "--backend", "containers", "--agent", "python",
        "--scenario", "happy-path", "--out", out.toString()));

    assertThat(run.code).as("exit code; output:%n%s%s", run.out, run.err).isEqualTo(2);
    assertThat(run.err).startsWith("crashtest run: agent [python] is a command on this machine [python3, -u, ")
        .contains("not an image: build an image of it and run it with --agent-image");
  }

  @Test
  void missing_image_is_a_usage_error_that_names_it_and_how_to_build_one_before_anything_starts() {
    Captured run = capture(() -> CrashtestCli.execute("run", "--agent-image", "crashtest-test/no-such-agent:0",
        "--scenario", "happy-path", "--seed", "42", "--out", out.toString()));

    assertThat(run.code).as("exit code; output:%n%s%s", run.out, run.err).isEqualTo(2);
    assertThat(run.err).as("error").isEqualTo("crashtest run: --agent-image [crashtest-test/no-such-agent:0] is not"
        + " on the local Docker engine, and images are never pulled: build it first, FROM crashtest/base-jre:17"
        + " with your agent as its command ('docker build -t crashtest-test/no-such-agent:0 .'; see"
        + " docs/containers.md#your-agent-as-an-image)" + System.lineSeparator());
    assertThat(run.out).as("nothing started").isEmpty();
    assertThat(ourContainers()).as("containers of this JVM left").isEmpty();
  }

  @Test
  void sigint_mid_run_removes_every_container_of_the_run() throws Exception {
    Path console = out.resolve("console.txt");
    Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), CrashtestCli.class.getName(), "run", "--backend", "containers",
        "--scenario", "happy-path", "--seed", "3", "--out", out.resolve("report").toString())
        .redirectErrorStream(true).redirectOutput(console.toFile()).start();
    try {
      await("the agent container started").atMost(Duration.ofSeconds(120))
          .until(() -> Files.readString(console).contains("agent started"));
      assertThat(containersOf(cli.pid())).as("the services', the proxy's and the agent's containers").hasSize(5);

      new ProcessBuilder("kill", "-INT", String.valueOf(cli.pid())).start().waitFor();

      await("the command line exits").atMost(Duration.ofSeconds(30)).until(() -> !cli.isAlive());
      assertThat(containersOf(cli.pid())).as("containers left after Ctrl-C").isEmpty();
    } finally {
      if (cli.isAlive()) {
        new ProcessBuilder("kill", "-INT", String.valueOf(cli.pid())).start().waitFor();
        await("the command line exits").atMost(Duration.ofSeconds(30)).until(() -> !cli.isAlive());
      }
    }
  }

  @Test
  void clean_removes_every_container_and_built_image_of_ours_but_keeps_the_base_image() {
    var docker = DockerClientFactory.instance().client();
    buildUserImageQuietly();
    // a tag built twice leaves the first image untagged, "<none>:<none>", and still ours
    buildTinyImage("crashtest-test/rebuilt:it", "first");
    buildTinyImage("crashtest-test/rebuilt:it", "second");
    String left = docker.createContainerCmd(USER_IMAGE).withLabels(Map.of("dev.crashtest.managed", "true",
        "dev.crashtest.owner-pid", "1")).exec().getId();

    Captured run = capture(() -> CrashtestCli.execute("clean"));

    assertThat(run.code).as("exit code; output:%n%s%s", run.out, run.err).isEqualTo(0);
    assertThat(run.out).startsWith("removed 1 container(s) and ").contains(USER_IMAGE, "crashtest-test/rebuilt:it",
        "<none> (sha256:");
    assertThat(docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(left)).exec()).as("container")
        .isEmpty();
    assertThat(docker.listImagesCmd().withLabelFilter(Map.of("dev.crashtest.managed", "true")).exec())
        .as("images of ours left").flatExtracting(image -> List.of(image.getRepoTags()))
        .containsExactly(LocalImages.baseImage());
  }

  private static void buildTinyImage(String tag, String content) {
    new ImageFromDockerfile(tag, false)
        .withFileFromString("content.txt", content)
        .withDockerfileFromBuilder(dockerfile -> dockerfile.from(LocalImages.baseImage())
            .copy("content.txt", "/opt/content.txt")
            .label(LocalImages.MANAGED_LABEL, "true"))
        .get();
  }

  private static void buildUserImageQuietly() {
    try {
      buildUserImage();
    } catch (Exception e) {
      throw new IllegalStateException("could not build the test image " + USER_IMAGE, e);
    }
  }

  /** The stdlib Python reference agent, as a user would ship it: an image whose default command starts it. */
  private static void buildUserImage() throws Exception {
    String script;
    try (InputStream in = ContainerBackendIT.class.getResourceAsStream(Agents.PYTHON_RESOURCE)) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    new ImageFromDockerfile(USER_IMAGE, false)
        .withFileFromString("procurement_agent.py", script)
        .withDockerfileFromBuilder(dockerfile -> dockerfile.from(LocalImages.baseImage())
            .copy("procurement_agent.py", "/opt/agent/procurement_agent.py")
            .label(LocalImages.MANAGED_LABEL, "true")
            .cmd("python3", "-u", "/opt/agent/procurement_agent.py"))
        .get();
  }

  private static List<String> ourContainers() {
    return containersOf(ProcessHandle.current().pid());
  }

  private static List<String> containersOf(long ownerPid) {
    return DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of("dev.crashtest.owner-pid", String.valueOf(ownerPid))).exec()
        .stream().map(container -> container.getId()).toList();
  }

  private record Captured(int code, String out, String err) {}

  private static Captured capture(java.util.function.IntSupplier command) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = command.getAsInt();
      return new Captured(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }
}
