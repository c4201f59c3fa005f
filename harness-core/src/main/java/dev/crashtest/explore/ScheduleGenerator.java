package dev.crashtest.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Draws random fault schedules from one seed: run {@code i}'s schedule depends only on the seed, {@code i} and the
 * clean run's boundaries, so the same seed gives the same schedules, run after run, machine after machine.
 */
final class ScheduleGenerator {
  private final long seed;
  private final Boundaries boundaries;
  private final int maxFaults;
  private final List<FaultFamily> families;
  private final List<String> hops;

  /**
   * @param platform whether the agent runs on a platform that keeps its state (platform kills, its hop)
   */
  ScheduleGenerator(long seed, Boundaries boundaries, int maxFaults, boolean platform) {
    this(seed, boundaries, maxFaults, platform, false);
  }

  /**
   * @param mcp whether the agent reaches its tools over MCP: the MCP server's faults and hop join the vocabulary
   *     (without it the families and hops, and so the schedules, are those of REST)
   */
  ScheduleGenerator(long seed, Boundaries boundaries, int maxFaults, boolean platform, boolean mcp) {
    this.seed = seed;
    this.boundaries = boundaries;
    this.maxFaults = maxFaults;
    List<FaultFamily> allowed = new ArrayList<>(List.of(FaultFamily.values()));
    if (!platform) {
      allowed.remove(FaultFamily.PLATFORM_KILL);
    }
    if (!mcp) {
      allowed.removeAll(List.of(FaultFamily.MCP_SESSIONS_LOST, FaultFamily.MCP_RESTART, FaultFamily.MCP_AUTH_EXPIRED));
    }
    if (boundaries.committed().isEmpty()) {
      allowed.remove(FaultFamily.COMMIT_THEN_DROP);
    }
    this.families = List.copyOf(allowed);
    List<String> allHops = new ArrayList<>(List.of("model", "identity", "crm"));
    if (platform) {
      allHops.add("platform");
    }
    if (mcp) {
      allHops.add("mcp");
    }
    this.hops = List.copyOf(allHops);
  }

  /** The families a schedule may draw, in the order reports list them. */
  List<FaultFamily> families() {
    return families;
  }

  Schedule schedule(int run) {
    Random random = new Random(seed * 1_000_003L + run);
    int count = 1 + random.nextInt(maxFaults);
    List<PlannedFault> faults = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      faults.add(fault(random));
    }
    return new Schedule(run, faults);
  }

  private PlannedFault fault(Random random) {
    FaultFamily family = families.get(random.nextInt(families.size()));
    boolean onBoundary = !boundaries.points().isEmpty() && random.nextInt(5) > 0;
    int boundary = onBoundary ? random.nextInt(boundaries.points().size()) : -1;
    long at = onBoundary ? 0 : random.nextInt((int) Math.max(1, Math.min(boundaries.millis(), 10_000)));
    return switch (family) {
      case AGENT_KILL, AGENT_TERM -> new PlannedFault(family, boundary, at, 100 + random.nextInt(900), 0, "agent");
      case AGENT_PAUSE -> new PlannedFault(family, boundary, at, 500 + random.nextInt(3500), 0, "agent");
      case PLATFORM_KILL -> new PlannedFault(family, boundary, at, 500 + random.nextInt(1500), 0, "platform");
      case OUTAGE -> new PlannedFault(family, boundary, at, 500 + random.nextInt(4500), 0, hop(random));
      case LATENCY -> new PlannedFault(family, boundary, at, 1000 + random.nextInt(4000), 200 + random.nextInt(1300),
          hop(random));
      case MODEL_RATE_LIMIT, MODEL_SERVER_ERROR -> new PlannedFault(family, boundary, at, 0, 1 + random.nextInt(3),
          "model");
      case COMMIT_THEN_DROP -> new PlannedFault(family, boundary, at, 0, 0,
          boundaries.committed().get(random.nextInt(boundaries.committed().size())));
      case SECRET_ROTATION -> new PlannedFault(family, boundary, at, 0, 0, "identity");
      case MCP_SESSIONS_LOST, MCP_RESTART, MCP_AUTH_EXPIRED -> new PlannedFault(family, boundary, at, 0, 0, "mcp");
      case SHORT_TOKENS -> new PlannedFault(family, boundary, at, 0, 2000, "identity");
      // ahead only, and by less than a token lives: a provider clock far behind issues every token dead on
      // arrival, which no agent survives, so it would be a finding about the environment, not the agent
      case CLOCK_SKEW -> new PlannedFault(family, boundary, at, 0, 10 + random.nextInt(21), "identity");
    };
  }

  private String hop(Random random) {
    return hops.get(random.nextInt(hops.size()));
  }
}
