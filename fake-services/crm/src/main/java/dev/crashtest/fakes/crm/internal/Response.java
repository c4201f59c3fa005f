package dev.crashtest.fakes.crm.internal;

import dev.crashtest.fakes.crm.AuditRecord.Effect;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the CRM answers: status, JSON body, extra headers, the effect it committed, and for a refusal its error
 * code and the message that says why.
 */
record Response(int status, String body, Map<String, String> headers, Effect effect, String error,
    String reason, boolean replayed) {

  Response {
    headers = Map.copyOf(headers);
  }

  static Response ok(int status, Object json, Effect effect) {
    return new Response(status, Json.write(json), Map.of(), effect, null, null, false);
  }

  static Response error(int status, String code, String message, Map<String, String> headers) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", code);
    body.put("message", message);
    return new Response(status, Json.write(body), headers, null, code, message, false);
  }

  static Response replay(int status, String body) {
    return new Response(status, body, Map.of("Idempotent-Replayed", "true"), null, null, null, true);
  }

  /** The same answer, recorded in the audit with a more precise error than the code sent. */
  Response withAuditError(String auditError) {
    return new Response(status, body, headers, effect, auditError, reason, replayed);
  }

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
