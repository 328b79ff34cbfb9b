package dev.arbor.example.tickets.fake;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the fake models answer: the JSON each phase asks for, worked out from the prompt's words, so the same
 * ticket always gets the same answer from every fake provider.
 */
final class FakeAnswers {
  private FakeAnswers() {}

  static String answer(String system, String prompt) {
    String s = system.toLowerCase(Locale.ROOT);
    String p = prompt.toLowerCase(Locale.ROOT);
    Map<String, Object> out = new LinkedHashMap<>();
    if (s.contains("synthesize support tickets")) {
      out.put("issue_reported", line(prompt, "Ticket ").replaceFirst("^Ticket \\d+: ", ""));
      out.put("root_cause", p.contains("timeout") || p.contains("slow") ? "A timeout in a downstream service"
          : p.contains("invoice") ? "A billing configuration error" : "A product defect or a missing setting");
      out.put("resolution_summary", lastComment(prompt));
    } else if (s.contains("route synthesized support tickets")) {
      String pod = p.contains("workflow") ? "WFE"
          : p.contains("webhook") || p.contains("api") || p.contains("connector") ? "Integrations"
          : p.contains("invoice") || p.contains("billing") ? "Billing"
          : p.contains("how do i") || p.contains("how to") ? "Guidance" : "Platform";
      out.put("primary_pod", pod);
      out.put("confidence", pod.equals("Platform") ? "not_confident" : "confident");
      out.put("reasoning", "The ticket's wording points to " + pod + ".");
    } else if (s.contains("diagnostics tool")) {
      out.put("was_diagnostics_used", p.contains("diagnostic") ? "yes" : "no");
      out.put("could_diagnostics_help",
          p.contains("error") || p.contains("crash") || p.contains("timeout") || p.contains("fail") ? "yes" : "maybe");
      out.put("confidence", p.contains("diagnostic") ? "confident" : "not_confident");
      out.put("reasoning", "Judged from the conversation.");
    } else {
      out.put("answer", "I can only help with support tickets.");
    }
    try {
      return FakeHttp.JSON.writeValueAsString(out);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Tokens as a model would roughly count them: four characters each. */
  static long tokens(String text) {
    return Math.max(1, text.length() / 4);
  }

  private static String line(String text, String prefix) {
    for (String l : text.split("\n")) {
      if (l.startsWith(prefix)) {
        return l.strip();
      }
    }
    return text.lines().findFirst().orElse("").strip();
  }

  private static String lastComment(String prompt) {
    String last = "No resolution recorded yet.";
    for (String l : prompt.split("\n")) {
      int colon = l.indexOf("): ");
      if (l.startsWith("Comment ") && colon > 0) {
        last = l.substring(colon + 3).strip();
      }
    }
    return last;
  }
}
