package dev.crashtest.fakes.crm.internal;

import java.util.List;

/**
 * A request matched to one CRM operation.
 *
 * @param operation the operation name published in events, e.g. {@code place_order}; {@code unknown} if none
 * @param scope the scope the call needs, or null for the operator's {@code /audit} and unknown paths
 * @param pathId the id in the path ({@code accountId}, {@code quoteId}, {@code orderId}), or null
 * @param allowed for a known path called with the wrong method: the methods it serves; else empty
 */
record Route(String operation, String scope, String pathId, List<String> allowed) {

  static final String READ = "crm.read";
  static final String WRITE = "crm.write";

  boolean isKnown() {
    return !operation.equals("unknown");
  }

  boolean isAudit() {
    return operation.equals("audit");
  }

  /** Matches a method and a path; never null. */
  static Route of(String method, String path) {
    String[] parts = path.split("/", -1);
    if (parts.length < 2 || !parts[0].isEmpty()) {
      return unknown(List.of());
    }
    String first = parts[1];
    if (parts.length == 2) {
      return switch (first) {
        case "quotes" -> pick(method, null, null, "create_quote");
        case "orders" -> pick(method, null, null, "place_order");
        case "audit" -> method.equals("GET") ? new Route("audit", null, null, List.of()) : unknown(List.of("GET"));
        default -> unknown(List.of());
      };
    }
    String id = parts[2];
    if (id.isEmpty()) {
      return unknown(List.of());
    }
    if (parts.length == 3) {
      return switch (first) {
        case "accounts" -> pick(method, id, "get_account", null);
        case "quotes" -> pick(method, id, "get_quote", null);
        case "orders" -> pick(method, id, "get_order", null);
        default -> unknown(List.of());
      };
    }
    if (parts.length == 4 && first.equals("accounts") && parts[3].equals("notes")) {
      return pick(method, id, "list_notes", "add_note");
    }
    return unknown(List.of());
  }

  private static Route pick(String method, String id, String onGet, String onPost) {
    if (method.equals("GET") && onGet != null) {
      return new Route(onGet, READ, id, List.of());
    }
    if (method.equals("POST") && onPost != null) {
      return new Route(onPost, WRITE, id, List.of());
    }
    return unknown(onGet != null && onPost != null ? List.of("GET", "POST") : List.of(onGet != null ? "GET" : "POST"));
  }

  private static Route unknown(List<String> allowed) {
    return new Route("unknown", null, null, allowed);
  }
}
