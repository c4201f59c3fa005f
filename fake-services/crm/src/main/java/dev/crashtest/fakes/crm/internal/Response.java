package dev.crashtest.fakes.crm.internal;

import dev.crashtest.fakes.crm.AuditRecord.Effect;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the CRM answers: status, JSON body, extra headers, the effect it committed and the error code if any.
 */
record Response(int status, String body, Map<String, String> headers, Effect effect, String error,
    boolean replayed) {

  Response {
    headers = Map.copyOf(headers);
  }

  static Response ok(int status, Object json, Effect effect) {
    return new Response(status, Json.write(json), Map.of(), effect, null, false);
  }

  static Response error(int status, String code, String message, Map<String, String> headers) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", code);
    body.put("message", message);
    return new Response(status, Json.write(body), headers, null, code, false);
  }

  static Response replay(int status, String body) {
    return new Response(status, body, Map.of("Idempotent-Replayed", "true"), null, null, true);
  }

  /** The same answer, recorded in the audit with a more precise error than the code sent. */
  Response withAuditError(String auditError) {
    return new Response(status, body, headers, effect, auditError, replayed);
  }

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
