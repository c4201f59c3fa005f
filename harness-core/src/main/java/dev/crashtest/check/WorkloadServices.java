package dev.crashtest.check;

import static dev.crashtest.history.Vocabulary.HARNESS;
import static dev.crashtest.history.Vocabulary.IDENTITY;
import static dev.crashtest.history.Vocabulary.METHOD;
import static dev.crashtest.history.Vocabulary.MODEL;
import static dev.crashtest.history.Vocabulary.NEMESIS;
import static dev.crashtest.history.Vocabulary.PLATFORM;
import static dev.crashtest.history.Vocabulary.RUNNER;

import dev.crashtest.history.History;
import dev.crashtest.history.Op;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which ops of a history are calls to the workload's services, and how a message names those services. A
 * <em>workload service</em> is any service of an op other than the ones every run has: the model, the identity
 * provider, the harness (its runner and nemesis) and the agent platform. For procurement that is the CRM; for a
 * support desk the orders, refunds, mail and cases services. Checkers read workload calls through this class only, so
 * none of them names a service or an operation of one workload.
 *
 * <pre>{@code
 * List<Op> writes = history.select(WorkloadServices::isWrite);   // every POST/PUT/PATCH/DELETE to any service
 * WorkloadServices.adjective(Set.of("crm"));                      // "CRM", as in "3 CRM writes"
 * WorkloadServices.the("refunds");                                // "the refunds service"
 * }</pre>
 */
public final class WorkloadServices {
  /** The services every run has, whatever its workload. */
  // the MCP server is the agents' way to the services, not one: the effects are the services' own events
  private static final Set<String> NOT_WORKLOAD = Set.of(MODEL, IDENTITY, HARNESS, RUNNER, NEMESIS, PLATFORM,
      dev.crashtest.history.Vocabulary.MCP);
  private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
  /** A service's read of its own audit log: the harness's look at the service, never the agent's work. */
  private static final String AUDIT = "audit";

  private WorkloadServices() {}

  /** Whether {@code service} is one of the workload's services rather than one every run has. */
  public static boolean isWorkloadService(String service) {
    return service != null && !NOT_WORKLOAD.contains(service);
  }

  /** Whether {@code op} is an HTTP call to a workload service (refused ones included), not its audit read. */
  public static boolean isCall(Op op) {
    return isWorkloadService(op.service()) && op.text(METHOD) != null && !op.operation().equals(AUDIT);
  }

  /** Whether {@code op} is a write to a workload service: a POST, PUT, PATCH or DELETE, refused or not. */
  public static boolean isWrite(Op op) {
    return isCall(op) && WRITE_METHODS.contains(op.text(METHOD).toUpperCase(Locale.ROOT));
  }

  /** The workload services {@code history} holds calls to, in the order they first appear. */
  public static Set<String> calledIn(History history) {
    Set<String> services = new LinkedHashSet<>();
    history.ops().stream().filter(WorkloadServices::isCall).forEach(op -> services.add(op.service()));
    return services;
  }

  /**
   * The services as an adjective: {@code CRM} (a name of three letters or fewer reads as an acronym), {@code refunds},
   * {@code refunds and mail}; {@code service} for none.
   */
  public static String adjective(Collection<String> services) {
    return services.isEmpty() ? "service" : joined(services.stream().map(WorkloadServices::shown).toList());
  }

  /** A service as the subject of a sentence: {@code the CRM}, {@code the refunds service}. */
  public static String the(String service) {
    String shown = shown(service);
    return shown.equals(service) ? "the " + service + " service" : "the " + shown;
  }

  /**
   * Services as the subject of a sentence: {@code the CRM}, {@code the refunds service}, {@code the refunds and mail
   * services}; {@code the services} for none.
   */
  public static String the(Collection<String> services) {
    if (services.size() == 1) {
      return the(services.iterator().next());
    }
    return "the " + (services.isEmpty() ? "" : adjective(services) + " ") + "services";
  }

  private static String shown(String service) {
    return service.length() <= 3 ? service.toUpperCase(Locale.ROOT) : service;
  }

  private static String joined(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    List<String> head = new ArrayList<>(names.subList(0, names.size() - 1));
    return String.join(", ", head) + " and " + names.get(names.size() - 1);
  }
}
