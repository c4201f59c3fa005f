package dev.crashtest.fakes.crm.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.crashtest.fakes.EventVocabulary;
import dev.crashtest.fakes.ServiceEvent;
import dev.crashtest.fakes.ServiceEvent.Outcome;
import dev.crashtest.fakes.ServiceEventListener;
import dev.crashtest.fakes.auth.AccessRefusal;
import dev.crashtest.fakes.auth.AccessRules;
import dev.crashtest.fakes.auth.Caller;
import dev.crashtest.fakes.auth.RevocationCheck;
import dev.crashtest.fakes.auth.TokenVerifier;
import dev.crashtest.fakes.crm.AuditRecord;
import dev.crashtest.fakes.crm.CrmFault;
import dev.crashtest.fakes.faults.CountedFault;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serves every CRM request in the same order: authenticate, route, check scope, pick an injected fault, run the
 * operation and append the audit record in one transaction, commit, publish the event to the listener, and only
 * then answer (or, as the fault says, answer late or drop the connection).
 */
final class CrmHandler implements HttpHandler {
  private final CrmDatabase database;
  private final TokenVerifier verifier;
  private final RevocationCheck revocation;
  private final ServiceEventListener listener;
  private final CrmFaultRegistry faults;
  private final Delivery delivery;
  private final CrmOperations operations = new CrmOperations();
  private final IdempotencyRecords idempotency = new IdempotencyRecords();
  private final AuditLog audit = new AuditLog();
  /** Writes run one at a time: ids stay gap-free and a repeated Idempotency-Key can never apply twice. */
  private final ReentrantLock writes = new ReentrantLock(true);

  /** A served request: the answer, its audit record, and the fault that took it (or null). */
  private record Handled(Response response, AuditRecord record, CrmFault fault) {}

  CrmHandler(CrmDatabase database, TokenVerifier verifier, ServiceEventListener listener, CrmFaultRegistry faults,
      Delivery delivery, RevocationCheck revocation) {
    this.revocation = revocation;
    this.database = database;
    this.verifier = verifier;
    this.listener = listener;
    this.faults = faults;
    this.delivery = delivery;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    handle(exchange, null);
  }

  /**
   * Serves requests that come in on {@code agent}'s own address: the CRM knows who presents the token, as mTLS
   * or a service mesh would prove it, and refuses a delegated token issued to another agent.
   */
  HttpHandler presentedBy(String agent) {
    return exchange -> handle(exchange, agent);
  }

  private void handle(HttpExchange exchange, String presenter) throws IOException {
    Handled handled;
    try {
      handled = serve(Request.read(exchange, presenter));
    } catch (IOException | RuntimeException e) {
      exchange.close();
      throw e;
    }
    publish(handled.record());
    delivery.deliver(exchange, handled.response(), handled.fault());
  }

  List<AuditRecord> auditRecords() throws SQLException {
    return database.inTransaction(audit::all);
  }

  private Handled serve(Request request) {
    Route route = Route.of(request.method(), request.path());
    Caller caller = Caller.NOBODY;
    CrmFault fault = null;
    try {
      if (route.isAudit()) {
        return database.inTransaction(c -> auditView(c, request, route));
      }
      caller = verifier.verify(request.authorization());
      AccessRules.requirePresenter(caller, request.presenter());
      checkAllowed(route, caller, request);
      if (request.isPost()) {
        revocation.check(request.authorization(), caller, route.scope());
      }
      Optional<CountedFault<CrmFault>> claimed = faults.claim(route.operation());
      fault = claimed.map(CountedFault::fault).orElse(null);
      if (fault != null && FaultAnswers.refuses(fault)) {
        return refuse(request, route, caller, FaultAnswers.refusal(claimed.get(), route.operation()), fault);
      }
      return request.isPost() ? write(request, route, caller, fault) : read(request, route, caller, fault);
    } catch (ApiError e) {
      return refuse(request, route, caller, e.toResponse(), fault);
    } catch (AccessRefusal e) {
      return refuse(request, route, caller, ApiError.of(e).toResponse(), fault);
    } catch (SQLException | RuntimeException e) {
      String message = "the CRM failed: " + e;
      return refuse(request, route, caller, Response.error(500, "server_error", message, Map.of()), fault);
    }
  }

  private static void checkAllowed(Route route, Caller caller, Request request) {
    if (!route.isKnown() && route.allowed().isEmpty()) {
      throw ApiError.notFound("the CRM has no endpoint [" + request.method() + " " + request.path() + "]");
    }
    if (!route.isKnown()) {
      String allowed = String.join(", ", route.allowed());
      throw new ApiError(405, "method_not_allowed", "[" + request.path() + "] answers only " + allowed,
          Map.of("Allow", allowed));
    }
    AccessRules.requireScope(caller, route.scope());
  }

  private Handled read(Request request, Route route, Caller caller, CrmFault fault) throws SQLException {
    return database.inTransaction(c -> {
      Response response = execute(c, route, request.body());
      return new Handled(response, audit.append(c, record(request, route, caller, response, fault)), fault);
    });
  }

  private Handled write(Request request, Route route, Caller caller, CrmFault fault) throws SQLException {
    writes.lock();
    try {
      return database.inTransaction(c -> {
        Response response = request.idempotencyKey() == null
            ? execute(c, route, request.body())
            : executeOnce(c, request, route);
        return new Handled(response, audit.append(c, record(request, route, caller, response, fault)), fault);
      });
    } finally {
      writes.unlock();
    }
  }
  /** The first request with a key runs and its successful answer is stored; later ones get that answer. */
  private Response executeOnce(Connection c, Request request, Route route) throws SQLException {
    String key = request.idempotencyKey();
    String fingerprint = IdempotencyRecords.fingerprint(request.method(), request.path(), request.body());
    Optional<IdempotencyRecords.Stored> stored = idempotency.find(c, key);
    if (stored.isPresent()) {
      return stored.get().fingerprint().equals(fingerprint)
          ? Response.replay(stored.get().status(), stored.get().body())
          : ApiError.keyReused(key).toResponse();
    }
    Response response = execute(c, route, request.body());
    if (response.isSuccess()) {
      idempotency.save(c, key, fingerprint, response);
    }
    return response;
  }

  private Response execute(Connection c, Route route, byte[] body) throws SQLException {
    try {
      return operations.execute(c, route, body);
    } catch (ApiError e) {
      return e.toResponse();
    }
  }

  private Handled auditView(Connection c, Request request, Route route) throws SQLException {
    List<Map<String, Object>> view = audit.all(c).stream().map(AuditView::of).toList();
    Response response = Response.ok(200, view, null);
    return new Handled(response, audit.append(c, record(request, route, Caller.NOBODY, response, null)), null);
  }

  private Handled refuse(Request request, Route route, Caller caller, Response response, CrmFault fault) {
    AuditRecord record = record(request, route, caller, response, fault);
    try {
      return database.inTransaction(c -> new Handled(response, audit.append(c, record), fault));
    } catch (SQLException | RuntimeException e) {
      System.err.println("crm: cannot append to the audit log: " + e);
      return new Handled(response, record, fault);
    }
  }

  private static AuditRecord record(Request request, Route route, Caller caller, Response response,
      CrmFault fault) {
    Outcome outcome = response.isSuccess() ? Outcome.OK : Outcome.FAIL;
    return new AuditRecord(0, Instant.now().truncatedTo(ChronoUnit.MICROS), request.method(), request.path(),
        route.operation(), response.status(), outcome, response.error(), caller.agent(), caller.actorSource(),
        caller.user(), caller.scope(), caller.tokenId(), caller.delegated(), request.idempotencyKey(),
        response.replayed(), response.effect(), fault == null ? null : fault.type().wireName(), request.presenter(),
        response.reason(), caller.via());
  }

  private void publish(AuditRecord record) {
    ServiceEvent event = new ServiceEvent(
        record.time(), EventVocabulary.CRM, record.agent(), record.operation(), record.outcome(), record.toDetails());
    try {
      listener.onEvent(event);
    } catch (RuntimeException | AssertionError e) {
      System.err.println("crm: event listener failed on [" + record.operation() + " " + record.path() + "]: " + e);
    }
  }
}
