package dev.arbor.model.normalize;

import dev.arbor.model.LlmFields;
import java.util.Map;

/**
 * Reads one semantic convention's attributes into canonical fields. Implementations only fill fields
 * that are still absent ({@code …IfAbsent}), so conventions applied earlier take precedence.
 */
interface Convention {
  void apply(String spanName, Map<String, Object> attributes, LlmFields.Builder fields);
}
