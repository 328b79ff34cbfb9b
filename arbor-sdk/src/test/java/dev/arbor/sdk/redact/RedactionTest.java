package dev.arbor.sdk.redact;

import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import dev.arbor.sdk.trace.LlmSpan;
import dev.arbor.sdk.trace.Message;
import dev.arbor.sdk.trace.OpenInferenceTracer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactionTest {

  @Test
  void hideInputs_replacesTheInputValueAndDropsInputMessages_outputsStay() {
    Attributes a = export(Redaction.builder().setHideInputs(true).build());
    assertThat(a.get(stringKey("input.value"))).isEqualTo(Redaction.REDACTED);
    assertThat(a.get(stringKey("input.mime_type"))).isNull();
    assertThat(keys(a)).noneMatch(k -> k.startsWith("llm.input_messages."));
    assertThat(a.get(stringKey("output.value"))).isEqualTo("Answer for ana@example.com");
    assertThat(a.get(stringKey("llm.output_messages.0.message.content"))).isEqualTo("Answer for ana@example.com");
  }

  @Test
  void hideOutputMessages_dropsOnlyOutputMessages() {
    Attributes a = export(Redaction.builder().setHideOutputMessages(true).build());
    assertThat(keys(a)).noneMatch(k -> k.startsWith("llm.output_messages."));
    assertThat(a.get(stringKey("output.value"))).isEqualTo("Answer for ana@example.com");
    assertThat(a.get(stringKey("llm.input_messages.0.message.content"))).isNotNull();
  }

  @Test
  void hideInputText_keepsRolesAndHidesTheText() {
    Attributes a = export(Redaction.builder().setHideInputText(true).build());
    assertThat(a.get(stringKey("llm.input_messages.0.message.role"))).isEqualTo("user");
    assertThat(a.get(stringKey("llm.input_messages.0.message.content"))).isEqualTo(Redaction.REDACTED);
    assertThat(a.get(stringKey("llm.output_messages.0.message.content"))).isEqualTo("Answer for ana@example.com");
  }

  @Test
  void hideInvocationParameters_dropsThem() {
    Attributes a = export(Redaction.builder().setHideLlmInvocationParameters(true).build());
    assertThat(a.get(stringKey("llm.invocation_parameters"))).isNull();
    assertThat(a.get(stringKey("llm.model_name"))).isEqualTo("gpt-4o");
  }

  @Test
  void rules_maskPersonalDataInEveryTextAttributeEventAndStatus() {
    Attributes a = export(Redaction.builder().addRule(RedactionRule.EMAIL).addRule(RedactionRule.PHONE)
        .addRule(RedactionRule.API_KEY).build());
    assertThat(a.get(stringKey("input.value")))
        .isEqualTo("Call [REDACTED:phone] or mail [REDACTED:email], key [REDACTED:api_key]");
    assertThat(a.get(stringKey("llm.output_messages.0.message.content"))).isEqualTo("Answer for [REDACTED:email]");
    assertThat(a.get(stringArrayKey("customer.contacts"))).containsExactly("[REDACTED:email]", "none");
    assertThat(a.get(stringKey("ticket_id"))).isEqualTo("78788");
    SpanData span = lastSpan;
    assertThat(span.getStatus().getDescription()).isEqualTo("no account for [REDACTED:email]");
    assertThat(span.getEvents().get(0).getAttributes().get(stringKey("exception.message")))
        .isEqualTo("no account for [REDACTED:email]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"+1 415-555-0132", "(415) 555-0132", "+44 20 7946 0958", "0151 123 4567",
      "415.555.0132", "+49 30 12345678"})
  void phoneRule_masksNumbersWrittenAsPhoneNumbers(String phone) {
    assertThat(RedactionRule.PHONE.apply("call " + phone + " today")).isEqualTo("call [REDACTED:phone] today");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ticket 78788", "on 2026-11-30", "at 10:42:17", "order 4155550132", "v1.2.3",
      "trace 4bf92f3577b34da6a3ce929d0e0e4736", "amount 1,234.56"})
  void phoneRule_leavesIdsDatesAndAmountsAlone(String text) {
    assertThat(RedactionRule.PHONE.apply(text)).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sk-proj-abcdefghijklmnop1234", "sk-ant-api03-abcdefghijklmnopqrstuv", "pk-lf-1234567890abcdef",
      "AKIAIOSFODNN7EXAMPLE", "AIzaSyA1234567890abcdefghijklmnopqrstuv", "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
      "xoxb-1234567890-abcdef", "Bearer abcdefghijklmnop.qrstuvwx",
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N"})
  void apiKeyRule_masksTheShapesProvidersIssue(String key) {
    assertThat(RedactionRule.API_KEY.apply("key=" + key + " end")).isEqualTo("key=[REDACTED:api_key] end");
  }

  @Test
  void apiKeyRule_leavesOrdinaryWordsAlone() {
    String text = "ask-me about desk-lamp and the Bearer of bad news";
    assertThat(RedactionRule.API_KEY.apply(text)).isEqualTo(text);
  }

  @Test
  void customRule_usesItsKindInTheMarker_andABadPatternIsRefusedWithItsName() {
    RedactionRule customer = RedactionRule.of("customer", "CUST-\\d{6}");
    assertThat(customer.apply("for CUST-123456.")).isEqualTo("for [REDACTED:customer].");
    assertThatThrownBy(() -> RedactionRule.of("broken", "(unclosed"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'broken'");
  }

  @Test
  void environment_readsPhoenixHideVariablesAndArborRules_andNamesAVariableItCannotRead() {
    Redaction r = Redaction.fromEnvironment(Map.of("OPENINFERENCE_HIDE_INPUTS", "true",
        "ARBOR_REDACT", "email, api_key")).build();
    assertThat(r.hideInputs).isTrue();
    assertThat(r.rules()).containsExactly(RedactionRule.EMAIL, RedactionRule.API_KEY);
    assertThat(Redaction.fromEnvironment(Map.of()).build().rules()).isEmpty();
    assertThatThrownBy(() -> Redaction.fromEnvironment(Map.of("OPENINFERENCE_HIDE_OUTPUTS", "maybe")))
        .hasMessage("OPENINFERENCE_HIDE_OUTPUTS must be true or false: maybe");
    assertThatThrownBy(() -> Redaction.fromEnvironment(Map.of("ARBOR_REDACT", "email,ssn")))
        .hasMessageContaining("ARBOR_REDACT").hasMessageContaining("'ssn'");
  }

  @Test
  void settingsInCode_areMergedWithTheEnvironment_whichCanAddHidingButNotUndoIt() {
    Redaction code = Redaction.builder().addRule(RedactionRule.EMAIL).build();
    Redaction env = Redaction.fromEnvironment(Map.of("OPENINFERENCE_HIDE_INPUTS", "true",
        "OPENINFERENCE_BASE64_IMAGE_MAX_LENGTH", "100")).build();
    Redaction merged = code.mergedWith(env);
    assertThat(merged.hideInputs).isTrue();
    assertThat(merged.rules()).containsExactly(RedactionRule.EMAIL);
    assertThat(merged.base64ImageMaxLength).isEqualTo(100);
  }

  @Test
  void byDefault_onlyLongBase64ImagesAreCut_andASpanWithNothingToChangeIsSentAsItIs() {
    RedactingSpanExporter exporter = new RedactingSpanExporter(InMemorySpanExporter.create(), Redaction.none());
    String longImage = "data:image/png;base64," + "A".repeat(Redaction.DEFAULT_BASE64_IMAGE_MAX_LENGTH);
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    try (SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(memory)).build()) {
      OpenInferenceTracer tracer = OpenInferenceTracer.of(provider.get("test"));
      try (LlmSpan llm = tracer.llm("image").start()) {
        llm.setInputMessages(List.of(Message.user("what is this?").withImageUrls(List.of(longImage,
            "data:image/png;base64,AAAA", "https://example.com/a.png"))));
      }
      try (LlmSpan llm = tracer.llm("plain").start()) {
        llm.setInput("nothing to hide");
      }
      SpanData image = memory.getFinishedSpanItems().get(0);
      SpanData plain = memory.getFinishedSpanItems().get(1);
      Attributes a = exporter.redact(image).getAttributes();
      String prefix = "llm.input_messages.0.message.contents.";
      assertThat(a.get(stringKey(prefix + "1.message_content.image.image.url"))).isEqualTo(Redaction.REDACTED);
      assertThat(a.get(stringKey(prefix + "2.message_content.image.image.url"))).isEqualTo("data:image/png;base64,AAAA");
      assertThat(a.get(stringKey(prefix + "3.message_content.image.image.url"))).isEqualTo("https://example.com/a.png");
      assertThat(exporter.redact(plain)).isSameAs(plain);
    }
  }

  @Test
  void hideInputMessages_alsoHidesEmbeddedText_andHidePromptsDropsCompletionPrompts() {
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    try (SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(new RedactingSpanExporter(memory, Redaction.builder()
            .setHideInputMessages(true).setHidePrompts(true).build()))).build()) {
      OpenInferenceTracer tracer = OpenInferenceTracer.of(provider.get("test"));
      try (var embedding = tracer.embedding("embed").start()) {
        embedding.setEmbeddings(List.of(new dev.arbor.sdk.trace.Embedding("secret text", List.of(0.5f))));
        embedding.setAttribute("llm.prompts.0.prompt.text", "complete this");
      }
      Attributes a = memory.getFinishedSpanItems().get(0).getAttributes();
      assertThat(a.get(stringKey("embedding.embeddings.0.embedding.text"))).isEqualTo(Redaction.REDACTED);
      assertThat(a.get(stringKey("llm.prompts.0.prompt.text"))).isNull();
    }
  }

  private SpanData lastSpan;

  private Attributes export(Redaction redaction) {
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    try (SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(new RedactingSpanExporter(memory, redaction))).build()) {
      OpenInferenceTracer tracer = OpenInferenceTracer.of(provider.get("test"));
      try (LlmSpan llm = tracer.llm("call").start()) {
        llm.setModelName("gpt-4o").setInvocationParameters(Map.of("temperature", 0))
            .setInput("Call +1 415-555-0132 or mail ana@example.com, key sk-proj-abcdefghijklmnop1234")
            .setInputMessages(List.of(Message.user("Ticket from ana@example.com")))
            .setOutput("Answer for ana@example.com")
            .setOutputMessages(List.of(Message.assistant("Answer for ana@example.com")))
            .setAttribute("ticket_id", "78788");
        llm.span().setAttribute(stringArrayKey("customer.contacts"), List.of("bo@example.org", "none"));
        llm.recordException(new IllegalStateException("no account for ana@example.com"));
      }
      lastSpan = memory.getFinishedSpanItems().get(0); // closing the provider empties the exporter
    }
    assertThat(lastSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    return lastSpan.getAttributes();
  }

  private static List<String> keys(Attributes a) {
    return a.asMap().keySet().stream().map(k -> k.getKey()).toList();
  }
}
