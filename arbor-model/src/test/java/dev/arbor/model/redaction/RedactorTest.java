package dev.arbor.model.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbor.model.Span;
import dev.arbor.model.normalize.SpanNormalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {
  private static final Redactor ALL_BUILT_INS = Redactor.of(List.of(RedactionRule.builtIn(Detector.EMAIL),
      RedactionRule.builtIn(Detector.PHONE), RedactionRule.builtIn(Detector.CREDIT_CARD),
      RedactionRule.builtIn(Detector.IBAN), RedactionRule.builtIn(Detector.API_KEY)));

  private static Span span(String project, Map<String, Object> attributes) {
    return Span.builder().project(project).traceId("0af7651916cd43dd8448eb211c80319c").spanId("b7ad6b7169203331")
        .name("chat").attributes(attributes).build();
  }

  private static String redact(String text) {
    return ALL_BUILT_INS.preview(text, null, null).text();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "mail ana.lopez+tickets@example.co.uk now | mail [REDACTED:email] now",
      "call +1 415-555-0132 today | call [REDACTED:phone] today",
      "call (415) 555-0132 | call [REDACTED:phone]",
      "card 4111 1111 1111 1111 expires | card [REDACTED:credit_card] expires",
      "card 5500-0000-0000-0004. | card [REDACTED:credit_card].",
      "pay DE89 3704 0044 0532 0130 00 now | pay [REDACTED:iban] now",
      "pay GB82WEST12345698765432 | pay [REDACTED:iban]",
      "key sk-proj-abcdefghijklmnop1234 leaked | key [REDACTED:api_key] leaked",
      "card 4111 1111 1111 1111 12/27 | card [REDACTED:credit_card] 12/27",
      "card 4111 1111 1111 1111 123 (CVV) | card [REDACTED:credit_card] 123 (CVV)",
      "pay NL91 ABNA 0417 1643 00 today | pay [REDACTED:iban] today",
      "pay MT84MALT011000012345MTLCAST001S now | pay [REDACTED:iban] now",
      "Authorization: Bearer abcdefghijklmnopqrstuvwx | Authorization: [REDACTED:api_key]"})
  void builtInDetectors_replaceWhatTheyFind(String text, String expected) {
    assertThat(redact(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"order 4111 1111 1111 1112 (bad check digit)", "ticket 78788 on 2026-11-30 at 10:42",
      "IBAN-like DE89 3704 0044 0532 0130 01 with a bad checksum", "trace 4bf92f3577b34da6a3ce929d0e0e4736",
      "amount 1,234.56 and version 1.2.3", "ask-me about desk-lamp"})
  void builtInDetectors_leaveLookAlikesAlone(String text) {
    assertThat(redact(text)).isEqualTo(text);
  }

  @Test
  void redact_changesOnlySelectedAttributes_countsTheReplacements_andKeepsEverythingElse() {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("input.value", "Ticket from ana@example.com, phone +44 20 7946 0958");
    attributes.put("llm.input_messages.0.message.content", "I am ana@example.com");
    attributes.put("customer.email", "bo@example.org");
    attributes.put("llm.token_count.prompt", 12L);
    Span redacted = ALL_BUILT_INS.redact(span("tickets", attributes));

    assertThat(redacted.attributes())
        .containsEntry("input.value", "Ticket from [REDACTED:email], phone [REDACTED:phone]")
        .containsEntry("llm.input_messages.0.message.content", "I am [REDACTED:email]")
        .as("not among the default attributes").containsEntry("customer.email", "bo@example.org")
        .containsEntry("llm.token_count.prompt", 12L)
        .containsEntry(Redactor.COUNT_ATTRIBUTE, 3L);
  }

  @Test
  void redactedRawAttributes_areWhatTheCanonicalFieldsAreReadFrom() {
    Span raw = span("p", Map.of("llm.input_messages.0.message.role", "user",
        "llm.input_messages.0.message.content", "reach me at ana@example.com", "input.value", "ana@example.com"));
    Span stored = SpanNormalizer.create().normalize(ALL_BUILT_INS.redact(raw));
    assertThat(stored.llm().inputMessages().get(0).content()).isEqualTo("reach me at [REDACTED:email]");
    assertThat(stored.llm().inputValue()).isEqualTo("[REDACTED:email]");
  }

  @Test
  void aSpanWithNothingToRedact_isReturnedAsItIs() {
    Span clean = span("p", Map.of("input.value", "nothing personal"));
    assertThat(ALL_BUILT_INS.redact(clean)).isSameAs(clean);
    assertThat(Redactor.none().redact(clean)).isSameAs(clean);
  }

  @Test
  void projectRules_applyToTheirProjectOnly_andCustomRulesToTheirOwnAttributes() {
    Redactor redactor = Redactor.of(List.of(
        RedactionRule.custom("customer_id", "CUST-\\d{6}", "tickets", List.of("input.value", "ticket.*"))));
    Map<String, Object> attributes = Map.of("input.value", "for CUST-123456", "ticket.note", "CUST-654321 again",
        "output.value", "CUST-111111");
    Span inTickets = redactor.redact(span("tickets", attributes));
    assertThat(inTickets.attributes()).containsEntry("input.value", "for [REDACTED:customer_id]")
        .containsEntry("ticket.note", "[REDACTED:customer_id] again").containsEntry("output.value", "CUST-111111");
    assertThat(redactor.redact(span("other", attributes)).attributes()).isEqualTo(attributes);
  }

  @Test
  void listValues_haveEachTextRedacted() {
    Redactor redactor = Redactor.of(List.of(new RedactionRule(0, "email", null, null, List.of("contacts"),
        RuleSource.API)));
    Span redacted = redactor.redact(span("p", Map.of("contacts", List.of("ana@example.com", "none", 3L))));
    assertThat(redacted.attributes().get("contacts")).isEqualTo(List.of("[REDACTED:email]", "none", 3L));
  }

  @Test
  void invalidRules_areRefusedNamingTheProblem() {
    assertThatThrownBy(() -> RedactionRule.custom("Bad Name", "x", null, List.of()))
        .hasMessageStartingWith("name must be 1 to 40 lower-case letters");
    assertThatThrownBy(() -> new RedactionRule(0, "ssn", null, null, List.of(), RuleSource.API))
        .hasMessageContaining("must name a built-in detector");
    assertThatThrownBy(() -> RedactionRule.custom("broken", "(unclosed", null, List.of()))
        .hasMessageStartingWith("pattern is not a valid RE2 expression");
    assertThatThrownBy(() -> RedactionRule.custom("everything", ".*", null, List.of()))
        .hasMessageStartingWith("pattern must not match empty text");
    assertThatThrownBy(() -> RedactionRule.custom("slow", "(a+)+\\1", null, List.of()))
        .as("backreferences are not RE2").hasMessageStartingWith("pattern is not a valid RE2 expression");
  }

  @Test
  void aLongBearerToken_isRedactedWhole() {
    String jwt = "eyJhbGciOiJSUzI1NiJ9." + "x".repeat(1200) + "." + "y".repeat(342);
    assertThat(redact("Authorization: Bearer " + jwt + " end")).isEqualTo("Authorization: [REDACTED:api_key] end");
    assertThat(redact("token " + jwt)).isEqualTo("token [REDACTED:api_key]");
  }

  @Test
  void nestedValues_messagesSentAsListsOfKeyValueLists_areRedactedUnderTheirFlattenedPath() {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("message.role", "user");
    message.put("message.content", "I am ana@example.com");
    Span raw = span("p", Map.of("llm.input_messages", List.of(message)));
    Span redacted = ALL_BUILT_INS.redact(raw);
    @SuppressWarnings("unchecked")
    Map<String, Object> stored = ((List<Map<String, Object>>) redacted.attributes().get("llm.input_messages")).get(0);
    assertThat(stored).containsEntry("message.content", "I am [REDACTED:email]").containsEntry("message.role", "user");
    assertThat(SpanNormalizer.create().normalize(redacted).llm().inputMessages().get(0).content())
        .isEqualTo("I am [REDACTED:email]");
  }

  @Test
  void jsonValuedAttributes_areRedactedInTheirDecodedText_soEscapesHideNothing() {
    // As System.Text.Json writes it: '+' escaped; and an '@' escaped by another encoder.
    String messages = "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":"
        + "\"call \\u002B44 20 7946 0958 or mail ana\\u0040example.com\"}]}]";
    Span raw = span("p", Map.of("gen_ai.input.messages", messages));
    Span stored = SpanNormalizer.create().normalize(ALL_BUILT_INS.redact(raw));
    String attribute = (String) stored.attributes().get("gen_ai.input.messages");
    assertThat(attribute).contains("[REDACTED:phone]").contains("[REDACTED:email]").doesNotContain("7946")
        .doesNotContain("example.com");
    assertThat(stored.llm().inputMessages().get(0).content())
        .isEqualTo("call [REDACTED:phone] or mail [REDACTED:email]");
    Span untouched = span("p", Map.of("input.value", "{\"note\": \"nothing personal\"}"));
    assertThat(ALL_BUILT_INS.redact(untouched)).as("JSON with nothing to redact is kept as written").isSameAs(untouched);
  }

  @Test
  void eventAttributes_areReadByKeyLikeTheSpans() {
    Span raw = span("p", Map.of()).toBuilder().events(List.of(
        dev.arbor.model.SpanEvent.of("gen_ai.content.prompt", 1L, Map.of("gen_ai.prompt", "mail ana@example.com")),
        dev.arbor.model.SpanEvent.of("exception", 2L, Map.of("exception.message", "no account bo@example.org"))))
        .build();
    Span redacted = ALL_BUILT_INS.redact(raw);
    assertThat(redacted.events().get(0).attributes()).containsEntry("gen_ai.prompt", "mail [REDACTED:email]");
    assertThat(redacted.events().get(1).attributes()).as("not among the default attributes")
        .containsEntry("exception.message", "no account bo@example.org");
    assertThat(redacted.attributes()).containsEntry(Redactor.COUNT_ATTRIBUTE, 1L);
    Redactor exceptions = Redactor.of(List.of(new RedactionRule(0, "email", null, null, List.of("exception.message"),
        RuleSource.API)));
    assertThat(exceptions.redact(raw).events().get(1).attributes())
        .containsEntry("exception.message", "no account [REDACTED:email]");
  }

  @Test
  void aSendersOwnRedactionCount_isDropped() {
    Span claimed = span("p", Map.of(Redactor.COUNT_ATTRIBUTE, 99L, "input.value", "nothing"));
    assertThat(Redactor.none().redact(claimed).attributes()).doesNotContainKey(Redactor.COUNT_ATTRIBUTE);
    assertThat(ALL_BUILT_INS.redact(claimed).attributes()).doesNotContainKey(Redactor.COUNT_ATTRIBUTE);
  }

  @Test
  void nestedRepetitionThatWouldExhaustMemory_isRefusedAtOnce() {
    assertThatThrownBy(() -> RedactionRule.custom("huge", "(?:(?:a{1000}){1000}){1000}", null, List.of()))
        .hasMessageStartingWith("pattern repeats too much");
    assertThatThrownBy(() -> RedactionRule.custom("huge", "(a{50}){50}", null, List.of()))
        .hasMessageStartingWith("pattern repeats too much");
    assertThat(RedactionRule.custom("ok", "[A-Z]{3}-\\d{6}(?:-\\d{2}){0,3}", null, List.of()).name()).isEqualTo("ok");
  }

  /**
   * Each detector searches only the stretches its windows give: on long texts with entities at random places, it
   * must find exactly what a search of the whole text finds.
   */
  @Test
  void windows_findWhatASearchOfTheWholeTextFinds() {
    java.util.Random random = new java.util.Random(42);
    String[] entities = {"ana.lopez@example.com", "+44 20 7946 0958", "(415) 555-0132", "4111 1111 1111 1111",
        "5500-0000-0000-0004", "DE89 3704 0044 0532 0130 00", "NL91ABNA0417164300", "GB82 WEST 1234 5698 7654 32",
        "sk-proj-abcdefghijklmnop1234", "Bearer " + "t".repeat(700), "AKIAIOSFODNN7EXAMPLE", "order 12345678 of 2026"};
    String[] words = {"the", "ticket", "printer", "error", "9", "12", "v1.2", "node-7", "T-100", "2026-11-30", "x@",
        "risk-", "high", "EU", "AB12", "-", "(", ")"};
    for (int round = 0; round < 300; round++) {
      StringBuilder text = new StringBuilder();
      while (text.length() < 4000) {
        text.append(random.nextInt(12) == 0 ? entities[random.nextInt(entities.length)]
            : words[random.nextInt(words.length)]).append(random.nextInt(5) == 0 ? ", " : " ");
      }
      String t = text.toString();
      for (Detector d : Detector.values()) {
        assertThat(search(d, t, d.windows(t))).as(d + " in " + t).isEqualTo(search(d, t, new int[] {0, t.length()}));
      }
    }
  }

  /** The accepted matches of {@code d} within {@code windows}, as start-end pairs. */
  private static List<String> search(Detector d, String text, int[] windows) {
    List<String> found = new java.util.ArrayList<>();
    int copied = 0;
    for (int w = 0; w < windows.length; w += 2) {
      int offset = windows[w];
      String window = text.substring(offset, windows[w + 1]);
      com.google.re2j.Matcher m = d.matcher(window);
      int from = Math.max(0, copied - offset);
      while (from <= window.length() && m.find(from)) {
        int start = m.start() + offset;
        int end = d.accept(text, start, m.end() + offset);
        if (end < 0 || end == start) {
          from = m.start() + 1;
          continue;
        }
        found.add(start + "-" + end);
        copied = end;
        from = end - offset;
      }
    }
    return found;
  }

  @Test
  void luhnAndIbanChecks() {
    assertThat(Detector.luhn("4111111111111111", 0, 16)).isTrue();
    assertThat(Detector.luhn("4111111111111112", 0, 16)).isFalse();
    assertThat(Detector.iban("GB82 WEST 1234 5698 7654 32", 0, 27)).isTrue();
    assertThat(Detector.iban("GB82 WEST 1234 5698 7654 33", 0, 27)).isFalse();
  }
}
