package dev.crashtest.explore;

import dev.crashtest.env.Service;
import dev.crashtest.fakes.crm.CrmFault;
import dev.crashtest.fakes.model.ModelFault;
import dev.crashtest.fakes.mcp.McpFault;
import dev.crashtest.fakes.stub.StubFault;
import dev.crashtest.scenario.Fault;
import dev.crashtest.scenario.Faults;
import dev.crashtest.scenario.Trigger;
import dev.crashtest.scenario.Triggers;
import java.time.Duration;
import java.util.Optional;

/**
 * One fault of a random schedule, as plain numbers so it can be shrunk: its family, where it fires (a boundary of the
 * clean run, or a time), how long it lasts, and its size (a latency, a number of requests, a clock offset).
 *
 * @param boundary the index of the boundary it fires on, or -1 to fire at {@code atMillis}
 * @param target the hop ({@code model}, {@code crm}, ...) or the committing {@code service.operation} it breaks
 */
public record PlannedFault(FaultFamily family, int boundary, long atMillis, long durationMillis, long amount,
    String target) {

  /** The fault itself, fired by its boundary's trigger (or at its time). */
  public Fault toFault(Boundaries boundaries, boolean stubbedServices) {
    Trigger when = boundary >= 0 ? boundaries.points().get(boundary).trigger()
        : Triggers.atTime(Duration.ofMillis(atMillis));
    Duration lasting = Duration.ofMillis(Math.max(1, durationMillis));
    return switch (family) {
      case AGENT_KILL -> Faults.killAgent().when(when).restartAfter(lasting);
      case AGENT_TERM -> Faults.terminateAgent().when(when).restartAfter(lasting);
      case AGENT_PAUSE -> Faults.pauseAgent().when(when).lasting(lasting);
      case PLATFORM_KILL -> Faults.killPlatform().when(when).restartAfter(lasting);
      case OUTAGE -> Faults.outage(hop()).when(when).lasting(lasting);
      case LATENCY -> Faults.latency(hop(), Duration.ofMillis(amount)).when(when).lasting(lasting);
      case MODEL_RATE_LIMIT -> Faults.model(ModelFault.rateLimited(Duration.ofSeconds(1)).forRequests((int) amount))
          .when(when);
      case MODEL_SERVER_ERROR -> Faults.model(ModelFault.serverError(503).forRequests((int) amount)).when(when);
      case COMMIT_THEN_DROP -> {
        String operation = target.substring(target.indexOf('.') + 1);
        yield stubbedServices
            ? Faults.stubbedServices(StubFault.commitThenDropResponse().on(operation).forRequests(1)).when(when)
            : Faults.crm(CrmFault.commitThenDropResponse().on(operation).forRequests(1)).when(when);
      }
      case SECRET_ROTATION -> Faults.rotateAgentSecret().when(when);
      case SHORT_TOKENS -> Faults.shortTokenLifetime(Duration.ofMillis(amount)).when(when);
      case CLOCK_SKEW -> Faults.clockSkew(Duration.ofSeconds(amount)).when(when);
      case MCP_SESSIONS_LOST -> Faults.mcp(McpFault.expireSessions()).when(when);
      case MCP_RESTART -> Faults.mcp(McpFault.restart()).when(when);
      case MCP_AUTH_EXPIRED -> Faults.mcp(McpFault.expireAuthorization()).when(when);
    };
  }

  private Service hop() {
    return Service.valueOf(target.toUpperCase(java.util.Locale.ROOT));
  }

  /** The same fault, half as long or half as big, when that is still a fault; empty when it cannot shrink. */
  public Optional<PlannedFault> shorter() {
    boolean lasts = switch (family) {
      case AGENT_KILL, AGENT_TERM, AGENT_PAUSE, PLATFORM_KILL, OUTAGE, LATENCY -> true;
      default -> false;
    };
    if (lasts && durationMillis > 100) {
      return Optional.of(new PlannedFault(family, boundary, atMillis, Math.max(100, durationMillis / 2), amount,
          target));
    }
    boolean sized = family == FaultFamily.MODEL_RATE_LIMIT || family == FaultFamily.MODEL_SERVER_ERROR;
    if (sized && amount > 1) {
      return Optional.of(new PlannedFault(family, boundary, atMillis, durationMillis, amount / 2, target));
    }
    return Optional.empty();
  }

  /** The same fault one boundary earlier (or at half the time); empty when it is already first. */
  public Optional<PlannedFault> earlier() {
    if (boundary > 0) {
      return Optional.of(new PlannedFault(family, boundary - 1, atMillis, durationMillis, amount, target));
    }
    if (boundary < 0 && atMillis > 0) {
      long earlier = atMillis < 100 ? 0 : atMillis / 2;
      return Optional.of(new PlannedFault(family, boundary, earlier, durationMillis, amount, target));
    }
    return Optional.empty();
  }
}
