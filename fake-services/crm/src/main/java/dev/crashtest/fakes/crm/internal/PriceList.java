package dev.crashtest.fakes.crm.internal;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** The SKUs the CRM sells, with their unit prices. Any other SKU is refused with 400 invalid_request. */
final class PriceList {
  static final Map<String, BigDecimal> PRICES = prices();

  private PriceList() {}

  static BigDecimal unitPrice(String sku) {
    BigDecimal price = PRICES.get(sku);
    if (price == null) {
      throw ApiError.invalidRequest(
          "unknown sku [" + sku + "]; the CRM sells " + String.join(", ", PRICES.keySet()));
    }
    return price;
  }

  private static Map<String, BigDecimal> prices() {
    Map<String, BigDecimal> prices = new LinkedHashMap<>();
    prices.put("LAPTOP-14", new BigDecimal("1299.00"));
    prices.put("MONITOR-27", new BigDecimal("349.00"));
    prices.put("DOCK-USB-C", new BigDecimal("189.00"));
    prices.put("HEADSET-PRO", new BigDecimal("149.00"));
    return java.util.Collections.unmodifiableMap(prices);
  }
}
