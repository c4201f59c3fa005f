package dev.crashtest.fakes.crm.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.crashtest.fakes.ServiceEvent;
import dev.crashtest.fakes.ServiceEvent.Outcome;
import dev.crashtest.fakes.ServiceEventListener;
import dev.crashtest.fakes.crm.AuditRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serves every CRM request in the same order: authenticate, route, check scope, run the operation and append
 * the audit record in one transaction, commit, publish the event to the listener, and only then answer.
 */
final class CrmHandler implements HttpHandler {
  private final CrmDatabase database;
  private final TokenVerifier verifier;
  private final ServiceEventListener listener;
  private final CrmOperations operations = new CrmOperations();
  private final IdempotencyRecords idempotency = new IdempotencyRecords();
  private final AuditLog audit = new AuditLog();
  /** Writes run one at a time: ids stay gap-free and a repeated Idempotency-Key can never apply twice. */
  private final ReentrantLock writes = new ReentrantLock(true);

  /** A served request: the answer and its audit record. */
  private record Handled(Response response, AuditRecord record) {}

  CrmHandler(CrmDatabase database, TokenVerifier verifier, ServiceEventListener listener) {
    this.database = database;
    this.verifier = verifier;
    this.listener = listener;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Handled handled = serve(Request.read(exchange));
      publish(handled.record());
      send(exchange, handled.response());
    }
  }

  List<AuditRecord> auditRecords() throws SQLException {
    return database.inTransaction(audit::all);
  }

  private Handled serve(Request request) {
    Route route = Route.of(request.method(), request.path());
    Caller caller = Caller.NOBODY;
    try {
      if (route.isAudit()) {
        return database.inTransaction(c -> auditView(c, request, route));
      }
      caller = verifier.verify(request.authorization());
      checkAllowed(route, caller, request);
      return request.isPost() ? write(request, route, caller) : read(request, route, caller);
    } catch (ApiError e) {
      return refuse(request, route, caller, e.toResponse());
    } catch (SQLException | RuntimeException e) {
      String message = "the CRM failed: " + e;
      return refuse(request, route, caller, Response.error(500, "server_error", message, Map.of()));
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
    if (!caller.hasScope(route.scope())) {
      throw ApiError.insufficientScope(route.scope(), caller.scope() == null ? "" : caller.scope());
    }
  }

  private Handled read(Request request, Route route, Caller caller) throws SQLException {
    return database.inTransaction(c -> {
      Response response = execute(c, route, request.body());
      return new Handled(response, audit.append(c, record(request, route, caller, response)));
    });
  }

  private Handled write(Request request, Route route, Caller caller) throws SQLException {
    writes.lock();
    try {
      return database.inTransaction(c -> {
        Response response = request.idempotencyKey() == null
            ? execute(c, route, request.body())
            : executeOnce(c, request, route);
        return new Handled(response, audit.append(c, record(request, route, caller, response)));
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
    return new Handled(response, audit.append(c, record(request, route, Caller.NOBODY, response)));
  }

  private Handled refuse(Request request, Route route, Caller caller, Response response) {
    AuditRecord record = record(request, route, caller, response);
    try {
      return database.inTransaction(c -> new Handled(response, audit.append(c, record)));
    } catch (SQLException | RuntimeException e) {
      System.err.println("crm: cannot append to the audit log: " + e);
      return new Handled(response, record);
    }
  }

  private static AuditRecord record(Request request, Route route, Caller caller, Response response) {
    Outcome outcome = response.isSuccess() ? Outcome.OK : Outcome.FAIL;
    return new AuditRecord(0, Instant.now().truncatedTo(ChronoUnit.MICROS), request.method(), request.path(),
        route.operation(), response.status(), outcome, response.error(), caller.agent(), caller.actorSource(),
        caller.user(), caller.scope(), caller.tokenId(), caller.delegated(), request.idempotencyKey(),
        response.replayed(), response.effect());
  }

  private void publish(AuditRecord record) {
    ServiceEvent event = new ServiceEvent(
        record.time(), "crm", record.agent(), record.operation(), record.outcome(), record.toDetails());
    try {
      listener.onEvent(event);
    } catch (RuntimeException | AssertionError e) {
      System.err.println("crm: event listener failed on [" + record.operation() + " " + record.path() + "]: " + e);
    }
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(response.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
