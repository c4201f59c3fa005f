package dev.crashtest.agents.internal;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import java.util.List;

/**
 * The five tool definitions of the contract (section 3.1), in the order the contract lists them.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder().messages(messages).toolSpecifications(ProcurementTools.all()).build();
 * }</pre>
 */
public final class ProcurementTools {
  public static final String GET_ACCOUNT = "get_account";
  public static final String CREATE_QUOTE = "create_quote";
  public static final String REQUEST_APPROVAL = "request_approval";
  public static final String PLACE_ORDER = "place_order";
  public static final String ADD_NOTE = "add_note";

  private static final List<ToolSpecification> ALL = List.of(
      tool(GET_ACCOUNT, "Read a CRM account.",
          JsonObjectSchema.builder().addStringProperty("account_id").required("account_id").build()),
      tool(CREATE_QUOTE, "Create a price quote for an account.",
          JsonObjectSchema.builder()
              .addStringProperty("account_id")
              .addStringProperty("sku")
              // JsonIntegerSchema cannot say "minimum"; a raw schema is sent as written.
              .addProperty("quantity", JsonRawSchema.from("{\"type\": \"integer\", \"minimum\": 1}"))
              .required("account_id", "sku", "quantity")
              .build()),
      tool(REQUEST_APPROVAL, "Ask a human to approve a quote before ordering. Blocks until approved.",
          JsonObjectSchema.builder().addStringProperty("quote_id").required("quote_id").build()),
      tool(PLACE_ORDER, "Place an order for an approved quote.",
          JsonObjectSchema.builder().addStringProperty("quote_id").required("quote_id").build()),
      tool(ADD_NOTE, "Add a note to an account.",
          JsonObjectSchema.builder()
              .addStringProperty("account_id")
              .addStringProperty("text")
              .required("account_id", "text")
              .build()));

  private ProcurementTools() {}

  /** All five tools, in contract order. */
  public static List<ToolSpecification> all() {
    return ALL;
  }

  private static ToolSpecification tool(String name, String description, JsonObjectSchema parameters) {
    return ToolSpecification.builder().name(name).description(description).parameters(parameters).build();
  }
}
