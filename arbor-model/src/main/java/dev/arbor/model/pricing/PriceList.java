package dev.arbor.model.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a list of prices: the bundled one, or one given at start as JSON or YAML (parsed by the caller into
 * a tree). The shape is {@code {"prices_as_of": "2025-08-01", "models": [{"provider": "openai", "name":
 * "gpt-4o", "pattern": "gpt-4o(?:-\\d{4}-\\d{2}-\\d{2})?", "input": 2.5, "output": 10, "cache_read": 1.25},
 * …]}} (or the array alone), prices in US dollars per million tokens; an entry may name a {@code project}.
 * A mistake fails with the entry and field named: {@code models[3].output: required, a number}.
 */
public final class PriceList {
  private static final String BUNDLED = "/dev/arbor/model/pricing/model-prices.json";

  private PriceList() {}

  /** The prices that ship with Arbor. */
  public static List<ModelPrice> bundled() {
    try (InputStream in = PriceList.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("the bundled price list is missing from the jar: " + BUNDLED);
      }
      return parse(new ObjectMapper().readTree(in), PriceSource.BUNDLED);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<ModelPrice> parse(JsonNode root, PriceSource source) {
    JsonNode models = root != null && root.isObject() ? root.get("models") : root;
    if (models == null || !models.isArray()) {
      throw new IllegalArgumentException("models: required, a list of prices");
    }
    LocalDate listDate = date(root.isObject() ? root.get("prices_as_of") : null, "prices_as_of");
    List<ModelPrice> prices = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      String at = "models[" + i + "]";
      try {
        prices.add(entry(models.get(i), source, listDate));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at + "." + e.getMessage(), e);
      }
    }
    return List.copyOf(prices);
  }

  /** One entry; errors start with the field's name. */
  public static ModelPrice entry(JsonNode m, PriceSource source, LocalDate defaultDate) {
    if (m == null || !m.isObject()) {
      throw new IllegalArgumentException("name: required (each price is an object)");
    }
    LocalDate asOf = m.has("prices_as_of") ? date(m.get("prices_as_of"), "prices_as_of") : defaultDate;
    TokenPrices prices = new TokenPrices(required(m, "input"), required(m, "output"), optional(m, "cache_read"),
        optional(m, "cache_write"), optional(m, "reasoning"), optional(m, "audio_input"), optional(m, "audio_output"));
    return new ModelPrice(null, text(m, "project"), text(m, "provider"), text(m, "name"), text(m, "pattern"),
        prices, source, asOf);
  }

  private static String text(JsonNode m, String field) {
    JsonNode v = m.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(field + ": must be text");
    }
    return v.asText();
  }

  private static double required(JsonNode m, String field) {
    Double v = optional(m, field);
    if (v == null) {
      throw new IllegalArgumentException(field + ": required, a number (US dollars per million tokens)");
    }
    return v;
  }

  private static Double optional(JsonNode m, String field) {
    JsonNode v = m.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw new IllegalArgumentException(field + ": must be a number (US dollars per million tokens)");
    }
    return v.asDouble();
  }

  private static LocalDate date(JsonNode v, String field) {
    if (v == null || v.isNull()) {
      return null;
    }
    try {
      return LocalDate.parse(v.asText());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + ": must be a date like 2025-08-01: " + v.asText());
    }
  }
}
