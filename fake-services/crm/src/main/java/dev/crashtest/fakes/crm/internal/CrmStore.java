package dev.crashtest.fakes.crm.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The CRM's business tables: reads answer JSON objects in the contract's shape, writes create rows with
 * readable ids ({@code Q-0001}, {@code O-0001}, {@code N-0001}). Callers hold the write lock for writes.
 */
final class CrmStore {

  ObjectNode account(Connection c, String accountId) throws SQLException {
    try (PreparedStatement query = c.prepareStatement(
        "SELECT account_id, name, tier, credit_limit FROM account WHERE account_id = ?")) {
      query.setString(1, accountId);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          throw ApiError.notFound("unknown account [" + accountId + "]");
        }
        ObjectNode account = Json.object();
        account.put("accountId", row.getString(1));
        account.put("name", row.getString(2));
        account.put("tier", row.getString(3));
        account.put("creditLimit", row.getBigDecimal(4));
        return account;
      }
    }
  }

  ObjectNode createQuote(Connection c, String accountId, String sku, int quantity) throws SQLException {
    account(c, accountId);
    BigDecimal unitPrice = PriceList.unitPrice(sku);
    BigDecimal total = unitPrice.multiply(BigDecimal.valueOf(quantity));
    String quoteId = nextId(c, "quote", "Q");
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO quote"
        + " (quote_id, account_id, sku, quantity, unit_price, total, status) VALUES (?, ?, ?, ?, ?, ?, 'OPEN')")) {
      insert.setString(1, quoteId);
      insert.setString(2, accountId);
      insert.setString(3, sku);
      insert.setInt(4, quantity);
      insert.setBigDecimal(5, unitPrice);
      insert.setBigDecimal(6, total);
      insert.executeUpdate();
    }
    return quote(c, quoteId);
  }

  ObjectNode quote(Connection c, String quoteId) throws SQLException {
    try (PreparedStatement query = c.prepareStatement("SELECT quote_id, account_id, sku, quantity, unit_price,"
        + " total, status FROM quote WHERE quote_id = ?")) {
      query.setString(1, quoteId);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          throw ApiError.notFound("unknown quote [" + quoteId + "]");
        }
        ObjectNode quote = Json.object();
        quote.put("quoteId", row.getString(1));
        quote.put("accountId", row.getString(2));
        quote.put("sku", row.getString(3));
        quote.put("quantity", row.getInt(4));
        quote.put("unitPrice", row.getBigDecimal(5));
        quote.put("total", row.getBigDecimal(6));
        quote.put("status", row.getString(7));
        return quote;
      }
    }
  }

  /** Places an order for a quote. A second order for the same quote is placed too: that is a duplicate to detect. */
  ObjectNode placeOrder(Connection c, String quoteId) throws SQLException {
    ObjectNode quote = quote(c, quoteId);
    String orderId = nextId(c, "crm_order", "O");
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO crm_order"
        + " (order_id, quote_id, account_id, total, status) VALUES (?, ?, ?, ?, 'PLACED')")) {
      insert.setString(1, orderId);
      insert.setString(2, quoteId);
      insert.setString(3, quote.get("accountId").asText());
      insert.setBigDecimal(4, quote.get("total").decimalValue());
      insert.executeUpdate();
    }
    try (PreparedStatement update = c.prepareStatement("UPDATE quote SET status = 'ORDERED' WHERE quote_id = ?")) {
      update.setString(1, quoteId);
      update.executeUpdate();
    }
    return order(c, orderId);
  }

  ObjectNode order(Connection c, String orderId) throws SQLException {
    try (PreparedStatement query = c.prepareStatement(
        "SELECT order_id, quote_id, account_id, total, status FROM crm_order WHERE order_id = ?")) {
      query.setString(1, orderId);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          throw ApiError.notFound("unknown order [" + orderId + "]");
        }
        ObjectNode order = Json.object();
        order.put("orderId", row.getString(1));
        order.put("quoteId", row.getString(2));
        order.put("accountId", row.getString(3));
        order.put("total", row.getBigDecimal(4));
        order.put("status", row.getString(5));
        return order;
      }
    }
  }

  ObjectNode addNote(Connection c, String accountId, String text) throws SQLException {
    account(c, accountId);
    String noteId = nextId(c, "note", "N");
    try (PreparedStatement insert =
        c.prepareStatement("INSERT INTO note (note_id, account_id, note_text) VALUES (?, ?, ?)")) {
      insert.setString(1, noteId);
      insert.setString(2, accountId);
      insert.setString(3, text);
      insert.executeUpdate();
    }
    return note(noteId, accountId, text);
  }

  ArrayNode notes(Connection c, String accountId) throws SQLException {
    account(c, accountId);
    ArrayNode notes = Json.object().arrayNode();
    try (PreparedStatement query = c.prepareStatement(
        "SELECT note_id, note_text FROM note WHERE account_id = ? ORDER BY note_id")) {
      query.setString(1, accountId);
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          notes.add(note(row.getString(1), accountId, row.getString(2)));
        }
      }
    }
    return notes;
  }

  private static ObjectNode note(String noteId, String accountId, String text) {
    ObjectNode note = Json.object();
    note.put("noteId", noteId);
    note.put("accountId", accountId);
    note.put("text", text);
    return note;
  }

  /** Rows are never deleted, so the next id is the row count plus one; the caller holds the write lock. */
  private static String nextId(Connection c, String table, String prefix) throws SQLException {
    try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM " + table);
        ResultSet row = count.executeQuery()) {
      row.next();
      return String.format("%s-%04d", prefix, row.getLong(1) + 1);
    }
  }
}
