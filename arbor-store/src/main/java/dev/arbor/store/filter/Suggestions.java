package dev.arbor.store.filter;

import java.util.ArrayList;
import java.util.List;

/** "did you mean …": the known name nearest to a misspelt one, by edit distance. */
final class Suggestions {
  private Suggestions() {}

  static String didYouMean(String unknown, Scope scope) {
    List<String> candidates = new ArrayList<>(scope.names().keySet());
    candidates.add("attributes");
    candidates.add("metadata");
    candidates.add("annotations");
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(unknown.toLowerCase(java.util.Locale.ROOT), candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return bestDistance <= Math.max(2, unknown.length() / 3) ? "; did you mean '" + best + "'?"
        : "; use a known name such as span_kind or latency_ms, or an attribute path such as llm.model_name";
  }

  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
