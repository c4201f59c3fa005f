package dev.crashtest.fakes.model;

import java.util.Map;

/** The tool results a well-behaved agent would hand back to the model in the procurement task. */
final class ProcurementTools {
  static final String GOAL = "Buy 5 units of LAPTOP-14 for account ACME-001.";
  static final String TOOLS = """
      [{"type": "function", "function": {"name": "get_account", "description": "Read a CRM account.",
        "parameters": {"type": "object", "properties": {"account_id": {"type": "string"}}, "required": ["account_id"]}}},
       {"type": "function", "function": {"name": "create_quote", "description": "Create a price quote for an account.",
        "parameters": {"type": "object", "properties": {"account_id": {"type": "string"}, "sku": {"type": "string"},
          "quantity": {"type": "integer", "minimum": 1}}, "required": ["account_id", "sku", "quantity"]}}}]
      """;

  private static final Map<String, String> RESULTS = Map.of(
      "get_account", "{\"accountId\":\"ACME-001\",\"name\":\"Acme\",\"tier\":\"GOLD\",\"creditLimit\":50000}",
      "create_quote", "{\"quoteId\":\"Q-7\",\"accountId\":\"ACME-001\",\"sku\":\"LAPTOP-14\",\"quantity\":5,"
          + "\"unitPrice\":1200,\"total\":6000,\"status\":\"OPEN\"}",
      "request_approval", "{\"approved\":true,\"approver\":\"alice\"}",
      "place_order", "{\"orderId\":\"O-42\",\"quoteId\":\"Q-7\",\"accountId\":\"ACME-001\",\"total\":6000,"
          + "\"status\":\"PLACED\"}",
      "add_note", "{\"noteId\":\"N-1\",\"accountId\":\"ACME-001\",\"text\":\"ordered\"}");

  static final String SUMMARY = "Done: order O-42 placed for 5 x LAPTOP-14 on account ACME-001 (quote Q-7), and "
      + "a note was added to the account.";

  private ProcurementTools() {}

  static String resultOf(String tool) {
    String result = RESULTS.get(tool);
    if (result == null) {
      throw new IllegalArgumentException("the procurement task has no tool [" + tool + "]");
    }
    return result;
  }
}
