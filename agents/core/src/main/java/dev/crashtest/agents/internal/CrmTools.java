package dev.crashtest.agents.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Runs the CRM-backed tools of the contract's table in section 3.1 and turns the CRM's answer into the tool
 * result the model sees: the CRM's JSON body on success, {@code {"error": <the CRM's error body>}} on a
 * {@code 4xx}. {@code request_approval} is not here: it is a matter of the durability layer.
 *
 * <pre>{@code
 * String result = new CrmTools(crm).execute(new ToolCall("T-1", 1, "get_account", "{\"account_id\":\"ACME-001\"}"), tokens);
 * }</pre>
 */
public final class CrmTools {
  private final CrmClient crm;

  public CrmTools(CrmClient crm) {
    this.crm = crm;
  }

  /** Runs the call and returns its tool result as a JSON string. */
  public String execute(ToolCall call, TokenSource tokens)
      throws CrmFailedException, TokenExchangeException, InterruptedException {
    JsonNode args = Json.parseLenient(call.arguments());
    try {
      CrmResponse response = switch (call.tool()) {
        case ProcurementTools.GET_ACCOUNT -> crm.get("/accounts/" + segment(args, "account_id"), tokens);
        case ProcurementTools.CREATE_QUOTE -> crm.post("/quotes", Json.write(Json.object()
                .put("accountId", text(args, "account_id"))
                .put("sku", text(args, "sku"))
                .set("quantity", required(args, "quantity"))), call.idempotencyKey(), tokens);
        case ProcurementTools.PLACE_ORDER -> crm.post("/orders",
            Json.write(Json.object().put("quoteId", text(args, "quote_id"))), call.idempotencyKey(), tokens);
        case ProcurementTools.ADD_NOTE -> crm.post("/accounts/" + segment(args, "account_id") + "/notes",
            Json.write(Json.object().put("text", text(args, "text"))), call.idempotencyKey(), tokens);
        default -> null;
      };
      if (response == null) {
        return toolError("unknown_tool", "no tool named [" + call.tool() + "]");
      }
      if (response.isSuccess()) {
        return response.body();
      }
      return Json.write(Json.object().set("error", Json.parseLenient(response.body())));
    } catch (MissingArgumentException e) {
      return toolError("invalid_arguments", e.getMessage());
    }
  }

  private static String toolError(String code, String message) {
    ObjectNode error = Json.object().put("error", code).put("message", message);
    return Json.write(Json.object().set("error", error));
  }

  private static JsonNode required(JsonNode args, String name) throws MissingArgumentException {
    JsonNode value = args.get(name);
    if (value == null || value.isNull()) {
      throw new MissingArgumentException("missing argument [" + name + "]");
    }
    return value;
  }

  private static String text(JsonNode args, String name) throws MissingArgumentException {
    return required(args, name).asText();
  }

  private static String segment(JsonNode args, String name) throws MissingArgumentException {
    return URLEncoder.encode(text(args, name), StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static final class MissingArgumentException extends Exception {
    MissingArgumentException(String message) {
      super(message);
    }
  }
}
