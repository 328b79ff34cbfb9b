package dev.arbor.langchain4j;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbor.sdk.trace.ChainSpan;
import dev.arbor.sdk.trace.OpenInferenceTracer;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LangChain4j's real OpenAI module, talking to a local fake of OpenAI's API, with the listener recording. */
class ITArborChatModelListener {
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
  private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(provider).build();
  private FakeOpenAi openAi;
  private ChatModel model;

  @BeforeEach
  void start() throws Exception {
    openAi = new FakeOpenAi();
    model = OpenAiChatModel.builder().baseUrl(openAi.baseUrl()).apiKey("test-key").modelName("gpt-4o-mini")
        .temperature(0.2).maxRetries(0).listeners(List.of(new ArborChatModelListener(otel))).build();
  }

  @AfterEach
  void stop() {
    openAi.close();
    provider.close();
  }

  @Test
  void aChatCall_isAnLlmSpanWithMessagesModelParametersAndTokensIncludingCacheAndReasoning() {
    openAi.answerText("gpt-4o-mini-2024-07-18", "The export is stuck on a lock.", 1200, 40, 1000, 16);
    OpenInferenceTracer tracer = OpenInferenceTracer.of(otel.getTracer("app"));
    try (ChainSpan phase = tracer.chain("synthesize_ticket").start()) {
      ChatResponse answer = model.chat(ChatRequest.builder()
          .messages(SystemMessage.from("Summarise support tickets."), UserMessage.from("Ticket 4711: export hangs"))
          .build());
      phase.setOutput(answer.aiMessage().text());
    }
    SpanData llm = only("chat gpt-4o-mini");
    Attributes a = llm.getAttributes();
    assertThat(a.get(stringKey("openinference.span.kind"))).isEqualTo("LLM");
    assertThat(a.get(stringKey("llm.model_name"))).as("the model that answered").isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(a.get(stringKey("llm.provider"))).isEqualTo("openai");
    assertThat(a.get(stringKey("llm.system"))).isEqualTo("openai");
    assertThat(a.get(stringKey("llm.invocation_parameters"))).contains("\"temperature\":0.2");
    assertThat(a.get(stringKey("llm.input_messages.0.message.role"))).isEqualTo("system");
    assertThat(a.get(stringKey("llm.input_messages.1.message.content"))).isEqualTo("Ticket 4711: export hangs");
    assertThat(a.get(stringKey("llm.output_messages.0.message.role"))).isEqualTo("assistant");
    assertThat(a.get(stringKey("llm.output_messages.0.message.content"))).isEqualTo("The export is stuck on a lock.");
    assertThat(a.get(stringKey("output.value"))).isEqualTo("The export is stuck on a lock.");
    assertThat(a.get(longKey("llm.token_count.prompt"))).isEqualTo(1200);
    assertThat(a.get(longKey("llm.token_count.completion"))).isEqualTo(40);
    assertThat(a.get(longKey("llm.token_count.total"))).isEqualTo(1240);
    assertThat(a.get(longKey("llm.token_count.prompt_details.cache_read"))).isEqualTo(1000);
    assertThat(a.get(longKey("llm.token_count.completion_details.reasoning"))).isEqualTo(16);
    assertThat(a.get(stringKey("llm.finish_reason"))).isEqualTo("stop");
    assertThat(llm.getParentSpanId()).as("the call is a child of the span current where it was made")
        .isEqualTo(only("synthesize_ticket").getSpanId());
    assertThat(llm.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
  }

  @Test
  void aToolCallAnswer_recordsTheOfferedToolsAndTheCallTheModelAskedFor() {
    openAi.answerToolCall("gpt-4o-mini", "call_7", "lookup_ticket", "{\"ticket_id\":4711}");
    ToolSpecification lookup = ToolSpecification.builder().name("lookup_ticket").description("Finds a ticket")
        .parameters(JsonObjectSchema.builder().addIntegerProperty("ticket_id").required("ticket_id").build()).build();
    model.chat(ChatRequest.builder().messages(UserMessage.from("What is ticket 4711 about?"))
        .toolSpecifications(lookup).build());
    Attributes a = only("chat gpt-4o-mini").getAttributes();
    assertThat(a.get(stringKey("llm.tools.0.tool.json_schema"))).contains("lookup_ticket");
    assertThat(a.get(stringKey("llm.output_messages.0.message.tool_calls.0.tool_call.id"))).isEqualTo("call_7");
    assertThat(a.get(stringKey("llm.output_messages.0.message.tool_calls.0.tool_call.function.name")))
        .isEqualTo("lookup_ticket");
    assertThat(a.get(stringKey("llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments")))
        .isEqualTo("{\"ticket_id\":4711}");
    assertThat(a.get(stringKey("llm.finish_reason"))).isEqualTo("tool_execution");
  }

  @Test
  void aFailedCall_isAnErrorSpanWithTheException_andTheApplicationStillSeesTheError() {
    openAi.answer(429, "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini\",\"type\":\"rate_limit\"}}");
    assertThatThrownBy(() -> model.chat("hello")).hasMessageContaining("Rate limit reached");
    SpanData llm = only("chat gpt-4o-mini");
    assertThat(llm.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(llm.getStatus().getDescription()).contains("Rate limit reached");
    assertThat(llm.getEvents()).extracting(e -> e.getName()).containsExactly("exception");
    assertThat(llm.getAttributes().get(stringKey("llm.input_messages.0.message.content"))).isEqualTo("hello");
  }

  private SpanData only(String name) {
    List<SpanData> matching = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    assertThat(matching).as("spans named " + name + " in " + spans.getFinishedSpanItems()).hasSize(1);
    return matching.get(0);
  }
}
