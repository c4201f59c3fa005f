package dev.crashtest.scenarios;

import dev.crashtest.agent.AgentException;
import dev.crashtest.agent.AgentSpec;
import dev.crashtest.env.Environment;
import dev.crashtest.env.EnvironmentException;
import dev.crashtest.env.containers.LocalImages;
import dev.crashtest.scenariofile.ScenarioFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options {@code run} and {@code compare} share, and how they become a {@link Campaign}. */
abstract class CampaignCommand implements Callable<Integer> {
  static final int MAX_REPEAT = 100;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--scenario", split = ",", paramLabel = "NAME",
      description = "Scenarios to run, comma-separated (default: all; see 'crashtest list'). 'crash-point-sweep'"
          + " runs the task cleanly, then once per call the agent made, killed right there;"
          + " 'crash-point-sweep[crm:place_order#1]' runs one such point.")
  List<String> scenarios;

  @Option(names = "--scenario-file", paramLabel = "PATH",
      description = "Also run the scenario of this YAML file; a directory means every *.yaml in it, sorted by name."
          + " Repeatable. Given without --scenario, only the files' scenarios run. A problem in a file is one line"
          + " file:line:column: field: what is wrong, and exit 2.")
  List<Path> scenarioFiles = new ArrayList<>();

  @Option(names = "--seed", paramLabel = "N", description = "Seed for every random choice (default: a new one, printed).")
  Long seed;

  @Option(names = "--repeat", paramLabel = "K", defaultValue = "1",
      description = "Run each scenario × agent K times, try r with its own seed derived from --seed (try 1 uses"
          + " --seed itself), and report pass^K (default: 1).")
  int repeat;

  @Option(names = "--out", paramLabel = "DIR", description = "Where report.json and each run's files go (default: crashtest-out).")
  Path out = Path.of("crashtest-out");

  @Option(names = "--backend", paramLabel = "KIND", defaultValue = "embedded",
      description = "Where the stack runs: 'embedded' (default: services in this JVM, agents as processes) or"
          + " 'containers' (services, fault proxy, agents and Temporal's server as containers of images built here,"
          + " on the host's network; needs Docker: ci/docker.sh and ci/build-base-image.sh).")
  String backend;

  @Option(names = "--agent-image", paramLabel = "IMAGE",
      description = "Also test your agent, shipped as an image that follows docs/agent-contract.md, as a container"
          + " (e.g. my/agent:1.4; found locally, never pulled).")
  List<String> agentImages = new ArrayList<>();

  @Option(names = "--agent-cmd", paramLabel = "COMMAND",
      description = "Also test your agent, started by this command line on this machine (e.g. \"python3"
          + " my_agent.py\"), following docs/agent-contract.md.")
  List<String> agentCommands = new ArrayList<>();

  @Option(names = "--toxiproxy-image", paramLabel = "IMAGE", defaultValue = Environment.Builder.TOXIPROXY_IMAGE,
      description = "With --backend containers: the Toxiproxy image for the fault proxy, used when the local engine"
          + " has it (never pulled); otherwise Crashtest's own Toxiproxy-compatible image is built and used"
          + " (default: ${DEFAULT-VALUE}).")
  String toxiproxyImage;

  @CommandLine.Mixin JobsOption jobsOption = new JobsOption();

  @CommandLine.Mixin ToolsOption toolsOption = new ToolsOption();

  @CommandLine.Mixin GateOptions gateOptions = new GateOptions();

  @CommandLine.Mixin WorkloadOption workloadOption = new WorkloadOption();

  @Option(names = "--shard", paramLabel = "I/N",
      description = "Run only slice I of N of the scenario × agent × try matrix (every cell in exactly one slice;"
          + " needs --seed, the same in every shard); 'crashtest merge' combines the shards' reports.")
  String shard;

  /** The agent names asked for. */
  abstract List<String> agentNames();

  /** The agent names asked for explicitly, none when only the default applies. */
  List<String> explicitAgentNames() {
    return List.of();
  }

  /** Whether the comparison matrix is printed even for one agent and one try. */
  abstract boolean compare();

  @Override
  public Integer call() {
    // Read first: a bad --repeat, --fail-on, --baseline, --shard or --out should cost no image build.
    if (repeat < 1 || repeat > MAX_REPEAT) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--repeat takes 1 to " + MAX_REPEAT + " tries, got [" + repeat + "]; for example: --repeat 3");
    }
    int jobs = jobsOption.jobs(spec.commandLine());
    boolean overMcp = toolsOption.overMcp(spec.commandLine());
    Gate gate = gateOptions.gate(spec.commandLine(), repeat);
    Shard slice = shard == null ? null : shard();
    ScenarioSelection selection;
    dev.crashtest.workload.Workload workload;
    try {
      workload = workloadOption.resolve(spec.commandLine());
    } catch (dev.crashtest.workload.WorkloadException e) {
      return WorkloadOption.rejected(e, spec.commandLine());
    }
    try {
      selection = ScenarioSelection.of(scenarios == null ? List.of() : scenarios, scenarioFiles, workload);
    } catch (ScenarioFileException e) {
      return ScenarioSelection.rejected(e, spec.commandLine());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    List<Campaign.Item> items = selection.items();
    gate = gate.knowing(selection.fileScenarios());
    Backend where = Backend.parse(backend, spec.commandLine());
    List<AgentSpec> asked;
    try {
      asked = resolveAgents();
    } catch (AgentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    // last of the checks, since it makes the directory when it is missing
    try {
      OutDirectory.require(out);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    List<AgentSpec> agentSpecs;
    try {
      requireLocalImages();
      agentSpecs = where.place(asked);
    } catch (EnvironmentException e) {
      System.err.println("crashtest: " + e.getMessage());
      return CrashtestCli.EXIT_ENVIRONMENT;
    } catch (AgentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    long campaignSeed = seed != null ? seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
    Campaign campaign = new Campaign(agentSpecs, items, campaignSeed, repeat, out, compare(), System.out)
        .gatedBy(gate).interruptedBy(Interruption.onSigint(System.out)).withWorkload(workload).withJobs(jobs);
    if (overMcp) {
      campaign.withToolsOverMcp();
    }
    if (slice != null) {
      campaign.sharded(slice);
    }
    if (where == Backend.CONTAINERS) {
      campaign.withServicesInContainers(toxiproxyImage);
    }
    return campaign.run();
  }

  private Shard shard() {
    try {
      Shard slice = Shard.parse(shard);
      if (seed == null) {
        throw new IllegalArgumentException("--shard " + slice + " needs --seed, the same in every shard, so the"
            + " shards split one campaign; for example: --shard " + slice + " --seed 42");
      }
      return slice;
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /** Every {@code --agent-image} must be on the local engine already: it is never pulled. */
  private void requireLocalImages() {
    for (String image : agentImages) {
      if (image != null && !image.isBlank() && !LocalImages.isLocal(image.trim())) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--agent-image [" + image.trim() + "] is not"
            + " on the local Docker engine, and images are never pulled: build it first, FROM "
            + LocalImages.DEFAULT_BASE_IMAGE + " with your agent as its command ('docker build -t " + image.trim()
            + " .'; see docs/containers.md#your-agent-as-an-image)");
      }
    }
  }

  private List<AgentSpec> resolveAgents() {
    List<AgentSpec> specs = new ArrayList<>();
    List<String> names = agentImages.isEmpty() && agentCommands.isEmpty() ? agentNames() : explicitAgentNames();
    for (String image : agentImages) {
      specs.add(UserAgents.fromImage(image, spec.commandLine()));
    }
    for (String command : agentCommands) {
      specs.add(UserAgents.fromCommand(command, spec.commandLine()));
    }
    for (String name : names) {
      try {
        specs.add(Agents.named(name.trim()).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
            "unknown agent [" + name + "]; known agents: " + String.join(", ", Agents.names()))));
      } catch (IllegalStateException notBuilt) {
        throw new CommandLine.ParameterException(spec.commandLine(), notBuilt.getMessage());
      }
    }
    return specs;
  }
}
