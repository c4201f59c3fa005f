package dev.crashtest.fakes.stub.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.crashtest.fakes.ServiceEventListener;
import dev.crashtest.fakes.auth.AccessRefusal;
import dev.crashtest.fakes.auth.AccessRules;
import dev.crashtest.fakes.auth.Caller;
import dev.crashtest.fakes.auth.RevocationCheck;
import dev.crashtest.fakes.auth.TokenVerifier;
import dev.crashtest.fakes.faults.CountedFault;
import dev.crashtest.fakes.stub.StubFault;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serves every service request in the CRM's order: find the service and the operation, verify the token (signature,
 * issuer, audience, expiry), the presenter and the scope, ask introspection before a write, pick an injected fault,
 * let the stubs answer (a write once per {@code Idempotency-Key}, stored before the answer leaves), publish the event
 * to the listener, and only then answer (or, as the fault says, answer late or drop the connection).
 */
final class StubHandler implements HttpHandler {
  private final Map<String, ServiceStubs> services;
  private final List<Operation> operations;
  /** One per service: a token's {@code aud} must name the service it calls (as agents exchange per service). */
  private final Map<String, TokenVerifier> verifiers;
  private final RevocationCheck revocation;
  private final ServiceEventListener listener;
  private final StubFaultRegistry faults;
  private final Delivery delivery;
  private final IdempotencyJournal journal;
  /** Writes run one at a time, so a repeated Idempotency-Key can never run its stub twice. */
  private final ReentrantLock writes = new ReentrantLock(true);

  StubHandler(Map<String, ServiceStubs> services, List<Operation> operations, Map<String, TokenVerifier> verifiers,
      RevocationCheck revocation, ServiceEventListener listener, StubFaultRegistry faults, Delivery delivery,
      IdempotencyJournal journal) {
    this.services = services;
    this.operations = operations;
    this.verifiers = verifiers;
    this.revocation = revocation;
    this.listener = listener;
    this.faults = faults;
    this.delivery = delivery;
    this.journal = journal;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    handle(exchange, null);
  }

  /** Serves requests that come in on {@code agent}'s own address, where another agent's token is refused. */
  HttpHandler presentedBy(String agent) {
    return exchange -> handle(exchange, agent);
  }

  private void handle(HttpExchange exchange, String presenter) throws IOException {
    Served served;
    try {
      StubRequest request = StubRequest.read(exchange, presenter);
      ServiceStubs stubs = services.get(request.service());
      if (stubs == null) {
        Delivery.send(exchange, StubAnswer.error(404, "not_found", "no service [" + request.service() + "] here;"
            + " services: " + String.join(", ", services.keySet()) + ", e.g. /" + services.keySet().iterator().next()
            + "/..."));
        exchange.close();
        return;
      }
      served = serve(request, stubs);
    } catch (IOException | RuntimeException e) {
      exchange.close();
      throw e;
    }
    publish(served);
    delivery.deliver(exchange, served.answer(), served.fault());
  }

  private Served serve(StubRequest request, ServiceStubs stubs) {
    Operation operation = operations.stream()
        .filter(op -> op.service().equals(request.service()) && op.matches(request.method(), request.path()))
        .findFirst().orElse(null);
    String name = operation == null ? Served.UNKNOWN : operation.name();
    String scope = operation == null ? null : operation.scope();
    Caller caller = Caller.NOBODY;
    StubFault fault = null;
    try {
      caller = verifiers.get(request.service()).verify(request.authorization());
      AccessRules.requirePresenter(caller, request.presenter());
      AccessRules.requireScope(caller, scope);
      if (request.isWrite()) {
        revocation.check(request.authorization(), caller, scope);
      }
      Optional<CountedFault<StubFault>> claimed = faults.claim(name);
      fault = claimed.map(CountedFault::fault).orElse(null);
      if (fault != null && refuses(fault)) {
        return new Served(request, name, caller, refusal(claimed.get(), request.service(), name), fault, Map.of());
      }
      StubAnswer answer = request.isWrite() ? write(request, stubs) : answer(request, stubs);
      Map<String, Object> effect = operation != null && operation.effect() != null && answer.isSuccess()
          && !answer.replayed() ? EffectReader.details(operation.effect(), request.body(), answer.body()) : Map.of();
      return new Served(request, name, caller, answer, fault, effect);
    } catch (AccessRefusal e) {
      StubAnswer answer = StubAnswer.error(e.status(), e.code(), e.getMessage(), e.headers(), e.refusal());
      return new Served(request, name, caller, answer, fault, Map.of());
    } catch (RuntimeException e) {
      String message = "the stub service failed: " + e;
      return new Served(request, name, caller, StubAnswer.error(500, "server_error", message), fault, Map.of());
    }
  }

  private static StubAnswer answer(StubRequest request, ServiceStubs stubs) {
    return stubs.answer(request.method(), request.path(), request.query(), request.headers(), request.body());
  }

  /** The first request with a key runs its stub and its successful answer is stored; later ones get that answer. */
  private StubAnswer write(StubRequest request, ServiceStubs stubs) {
    String key = request.idempotencyKey();
    if (key == null) {
      return answer(request, stubs);
    }
    writes.lock();
    try {
      String fingerprint = IdempotencyJournal.fingerprint(request.method(), request.path(), request.body());
      Optional<IdempotencyJournal.Stored> stored = journal.find(request.service(), key);
      if (stored.isPresent()) {
        return stored.get().fingerprint().equals(fingerprint)
            ? StubAnswer.replay(stored.get().status(), stored.get().contentType(), stored.get().body())
            : StubAnswer.error(422, "idempotency_key_reused", "Idempotency-Key [" + key + "] was already used for a"
                + " different request (method, path or body); use a new key for a new request");
      }
      StubAnswer answer = answer(request, stubs);
      if (answer.isSuccess()) {
        journal.save(request.service(), key, fingerprint, answer);
      }
      return answer;
    } finally {
      writes.unlock();
    }
  }

  private static boolean refuses(StubFault fault) {
    return fault.type() == StubFault.Type.SERVER_ERROR || fault.type() == StubFault.Type.CONFLICT;
  }

  private static StubAnswer refusal(CountedFault<StubFault> fault, String service, String operation) {
    String code = fault.fault().type() == StubFault.Type.CONFLICT ? "conflict" : "server_error";
    String message = "service [" + service + "] refused [" + operation + "] before changing anything (injected fault ["
        + fault.id() + "]: " + fault.description() + ")";
    return StubAnswer.error(fault.fault().status(), code, message);
  }

  private void publish(Served served) {
    try {
      listener.onEvent(served.toEvent());
    } catch (RuntimeException | AssertionError e) {
      System.err.println("stub-service: event listener failed on [" + served.operation() + " "
          + served.request().fullPath() + "]: " + e);
    }
  }
}
