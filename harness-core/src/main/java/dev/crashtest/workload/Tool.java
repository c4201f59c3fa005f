package dev.crashtest.workload;

import java.util.Optional;

/**
 * One tool of a workload: what the model is told (name, description, JSON schema of its arguments) and, for the
 * reference agents, the HTTP call it makes on which service, the scope it needs and the effect it has. A {@code gate}
 * tool makes no call: it is the human-approval gate.
 *
 * @param parametersJson the JSON schema of the arguments, as sent to the model
 * @param bodyJson the request body template (JSON), or null for a call without a body
 */
public record Tool(String name, String description, String parametersJson, String service, String method,
    String path, String bodyJson, String scope, Optional<Effect> effect, boolean gate) {

  /** Whether the call changes something: POST, PUT, PATCH or DELETE. */
  public boolean isWrite() {
    return !gate && method != null && !method.equals("GET") && !method.equals("HEAD");
  }
}
