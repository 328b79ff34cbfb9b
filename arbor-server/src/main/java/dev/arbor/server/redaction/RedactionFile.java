package dev.arbor.server.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbor.model.redaction.RedactionRule;
import dev.arbor.model.redaction.RuleSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the rules of a redaction file (YAML or JSON):
 *
 * <pre>
 * rules:
 *   - name: email                  # a built-in detector: email, phone, credit_card, iban, api_key
 *   - name: customer_id            # a rule of your own
 *     pattern: 'CUST-\d{6}'
 *     project: tickets             # optional: only this project
 *     attributes: [input.value, 'llm.input_messages.*']   # optional: else input/output values and messages
 * </pre>
 */
public final class RedactionFile {
  private RedactionFile() {}

  /** @throws IllegalArgumentException naming the entry and the field that is wrong */
  public static List<RedactionRule> parse(JsonNode root) {
    JsonNode entries = root.path("rules");
    if (!entries.isArray()) {
      throw new IllegalArgumentException("the file must hold a list under 'rules'");
    }
    List<RedactionRule> rules = new ArrayList<>();
    int index = 1;
    for (JsonNode entry : entries) {
      try {
        List<String> attributes = new ArrayList<>();
        JsonNode list = entry.path("attributes");
        if (!list.isMissingNode() && !list.isArray()) {
          throw new IllegalArgumentException("attributes must be a list");
        }
        list.forEach(a -> attributes.add(a.asText()));
        rules.add(new RedactionRule(0, text(entry, "name"), text(entry, "pattern"), text(entry, "project"),
            attributes, RuleSource.FILE));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("rule " + index + ": " + e.getMessage(), e);
      }
      index++;
    }
    return rules;
  }

  private static String text(JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
