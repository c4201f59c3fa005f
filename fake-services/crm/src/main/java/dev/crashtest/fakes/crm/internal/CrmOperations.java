package dev.crashtest.fakes.crm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crashtest.fakes.crm.AuditRecord.Effect;
import java.sql.Connection;
import java.sql.SQLException;

/** The CRM's operations, one method each: validate the request, then read or write through {@link CrmStore}. */
final class CrmOperations {
  private final CrmStore store = new CrmStore();

  /** Runs the operation of {@code route}; failures are thrown as {@link ApiError}s before anything is written. */
  Response execute(Connection c, Route route, byte[] body) throws SQLException {
    return switch (route.operation()) {
      case "get_account" -> Response.ok(200, store.account(c, route.pathId()), null);
      case "get_quote" -> Response.ok(200, store.quote(c, route.pathId()), null);
      case "get_order" -> Response.ok(200, store.order(c, route.pathId()), null);
      case "list_notes" -> Response.ok(200, store.notes(c, route.pathId()), null);
      case "create_quote" -> createQuote(c, Json.readObject(body));
      case "place_order" -> placeOrder(c, Json.readObject(body));
      case "add_note" -> addNote(c, route.pathId(), Json.readObject(body));
      default -> throw new IllegalArgumentException("no operation [" + route.operation() + "]");
    };
  }

  private Response createQuote(Connection c, ObjectNode request) throws SQLException {
    String accountId = text(request, "accountId");
    String sku = text(request, "sku");
    int quantity = quantity(request);
    ObjectNode quote = store.createQuote(c, accountId, sku, quantity);
    return Response.ok(201, quote, new Effect("quote", quote.get("quoteId").asText(), accountId));
  }

  private Response placeOrder(Connection c, ObjectNode request) throws SQLException {
    ObjectNode order = store.placeOrder(c, text(request, "quoteId"));
    Effect effect = new Effect(Effect.ORDER, order.get("orderId").asText(), order.get("accountId").asText());
    return Response.ok(201, order, effect);
  }

  private Response addNote(Connection c, String accountId, ObjectNode request) throws SQLException {
    ObjectNode note = store.addNote(c, accountId, text(request, "text"));
    return Response.ok(201, note, new Effect("note", note.get("noteId").asText(), accountId));
  }

  private static String text(ObjectNode request, String field) {
    JsonNode value = request.get(field);
    if (value == null || value.isNull()) {
      throw ApiError.invalidRequest("missing field [" + field + "]");
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw ApiError.invalidRequest("field [" + field + "] must be a non-empty string");
    }
    return value.asText();
  }

  private static int quantity(ObjectNode request) {
    JsonNode value = request.get("quantity");
    if (value == null || value.isNull()) {
      throw ApiError.invalidRequest("missing field [quantity]");
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
      throw ApiError.invalidRequest("field [quantity] must be a whole number of at least 1, got " + value);
    }
    return value.asInt();
  }
}
