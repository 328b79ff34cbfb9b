package dev.arbor.sdk.trace;

import static io.opentelemetry.api.common.AttributeKey.doubleArrayKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenInferenceSpansTest {
  private final InMemoryTracing tracing = new InMemoryTracing();

  @AfterEach
  void close() {
    tracing.close();
  }

  @Test
  void llmSpan_writesOpenInferenceKeysForModelMessagesToolCallsAndTokens() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("temperature", 0.3);
    params.put("max_tokens", 2000);
    try (LlmSpan llm = tracing.tracer.llm("ChatCompletion").start()) {
      llm.setModelName("gpt-4o").setProvider("azure").setSystem("openai").setInvocationParameters(params)
          .setInputMessages(List.of(Message.system("Sort tickets."),
              Message.user("What is in this picture?").withImageUrls(List.of("https://example.com/a.png")),
              Message.assistant(null).withToolCalls(List.of(ToolCall.of("call_1", "lookup", "{\"id\":7}"))),
              Message.tool("call_1", "{\"status\":\"open\"}")))
          .setOutputMessages(List.of(Message.assistant("It is \"open\".")))
          .setTools(List.of("{\"type\":\"function\",\"function\":{\"name\":\"lookup\"}}"))
          .setTokenCount(TokenCount.of(1200, 300).withCacheRead(1000).withCacheWrite(50).withReasoning(120));
    }
    Attributes a = tracing.span("ChatCompletion").getAttributes();
    assertThat(a.get(stringKey("openinference.span.kind"))).isEqualTo("LLM");
    assertThat(a.get(stringKey("llm.model_name"))).isEqualTo("gpt-4o");
    assertThat(a.get(stringKey("llm.provider"))).isEqualTo("azure");
    assertThat(a.get(stringKey("llm.system"))).isEqualTo("openai");
    assertThat(a.get(stringKey("llm.invocation_parameters"))).isEqualTo("{\"temperature\":0.3,\"max_tokens\":2000}");
    assertThat(a.get(stringKey("llm.input_messages.0.message.role"))).isEqualTo("system");
    assertThat(a.get(stringKey("llm.input_messages.0.message.content"))).isEqualTo("Sort tickets.");
    assertThat(a.get(stringKey("llm.input_messages.1.message.contents.0.message_content.type"))).isEqualTo("text");
    assertThat(a.get(stringKey("llm.input_messages.1.message.contents.0.message_content.text")))
        .isEqualTo("What is in this picture?");
    assertThat(a.get(stringKey("llm.input_messages.1.message.contents.1.message_content.image.image.url")))
        .isEqualTo("https://example.com/a.png");
    assertThat(a.get(stringKey("llm.input_messages.2.message.tool_calls.0.tool_call.id"))).isEqualTo("call_1");
    assertThat(a.get(stringKey("llm.input_messages.2.message.tool_calls.0.tool_call.function.name")))
        .isEqualTo("lookup");
    assertThat(a.get(stringKey("llm.input_messages.2.message.tool_calls.0.tool_call.function.arguments")))
        .isEqualTo("{\"id\":7}");
    assertThat(a.get(stringKey("llm.input_messages.2.message.content"))).isNull();
    assertThat(a.get(stringKey("llm.input_messages.3.message.role"))).isEqualTo("tool");
    assertThat(a.get(stringKey("llm.input_messages.3.message.tool_call_id"))).isEqualTo("call_1");
    assertThat(a.get(stringKey("llm.output_messages.0.message.content"))).isEqualTo("It is \"open\".");
    assertThat(a.get(stringKey("llm.tools.0.tool.json_schema"))).contains("lookup");
    assertThat(a.get(longKey("llm.token_count.prompt"))).isEqualTo(1200);
    assertThat(a.get(longKey("llm.token_count.completion"))).isEqualTo(300);
    assertThat(a.get(longKey("llm.token_count.total"))).as("prompt + completion when no total is given")
        .isEqualTo(1500);
    assertThat(a.get(longKey("llm.token_count.prompt_details.cache_read"))).isEqualTo(1000);
    assertThat(a.get(longKey("llm.token_count.prompt_details.cache_write"))).isEqualTo(50);
    assertThat(a.get(longKey("llm.token_count.completion_details.reasoning"))).isEqualTo(120);
  }

  @Test
  void eachKind_carriesItsSpanKindAndItsOwnAttributes() {
    try (ChainSpan chain = tracing.tracer.chain("pipeline").start()) {
      chain.setInput("tickets.csv").setOutputJson("{\"ok\":true}");
      try (AgentSpan agent = tracing.tracer.agent("triage").start()) {
        agent.setAgentName("triage-agent");
      }
      try (ToolSpan tool = tracing.tracer.tool("lookup").start()) {
        tool.setToolName("lookup").setToolDescription("Finds a ticket").setToolParameters("{\"id\":7}");
      }
      try (RetrieverSpan retriever = tracing.tracer.retriever("search").start()) {
        retriever.setInput("export hangs")
            .setDocuments(List.of(new Document("kb-1", "Restart the exporter", 0.92, Map.of("source", "kb"))));
      }
      try (EmbeddingSpan embedding = tracing.tracer.embedding("embed").start()) {
        embedding.setModelName("text-embedding-3-small")
            .setEmbeddings(List.of(new Embedding("export hangs", List.of(0.5f, -0.25f))));
      }
    }
    SpanData chain = tracing.span("pipeline");
    assertThat(chain.getAttributes().get(stringKey("openinference.span.kind"))).isEqualTo("CHAIN");
    assertThat(chain.getAttributes().get(stringKey("input.value"))).isEqualTo("tickets.csv");
    assertThat(chain.getAttributes().get(stringKey("input.mime_type"))).isEqualTo("text/plain");
    assertThat(chain.getAttributes().get(stringKey("output.mime_type"))).isEqualTo("application/json");
    assertThat(tracing.span("triage").getAttributes().get(stringKey("agent.name"))).isEqualTo("triage-agent");
    Attributes tool = tracing.span("lookup").getAttributes();
    assertThat(tool.get(stringKey("openinference.span.kind"))).isEqualTo("TOOL");
    assertThat(tool.get(stringKey("tool.name"))).isEqualTo("lookup");
    assertThat(tool.get(stringKey("tool.parameters"))).isEqualTo("{\"id\":7}");
    Attributes retriever = tracing.span("search").getAttributes();
    assertThat(retriever.get(stringKey("retrieval.documents.0.document.id"))).isEqualTo("kb-1");
    assertThat(retriever.get(doubleKey("retrieval.documents.0.document.score"))).isEqualTo(0.92);
    assertThat(retriever.get(stringKey("retrieval.documents.0.document.metadata"))).isEqualTo("{\"source\":\"kb\"}");
    Attributes embedding = tracing.span("embed").getAttributes();
    assertThat(embedding.get(stringKey("embedding.model_name"))).isEqualTo("text-embedding-3-small");
    assertThat(embedding.get(doubleArrayKey("embedding.embeddings.0.embedding.vector"))).containsExactly(0.5, -0.25);
    for (String child : List.of("triage", "lookup", "search", "embed")) {
      assertThat(tracing.span(child).getParentSpanId()).as(child).isEqualTo(chain.getSpanId());
    }
  }

  @Test
  void startedSpan_isCurrentUntilClosed_thenThePreviousContextIsBack() {
    try (ChainSpan outer = tracing.tracer.chain("outer").start()) {
      try (LlmSpan inner = tracing.tracer.llm("inner").start()) {
        assertThat(Span.current().getSpanContext()).isEqualTo(inner.span().getSpanContext());
      }
      assertThat(Span.current().getSpanContext()).isEqualTo(outer.span().getSpanContext());
    }
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
    assertThat(tracing.span("inner").getParentSpanId()).isEqualTo(tracing.span("outer").getSpanId());
  }

  @Test
  void detachedSpan_isNotCurrent_andChildrenFindItThroughItsContext() throws Exception {
    LlmSpan call = tracing.tracer.llm("async call").startDetached();
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
    Thread other = new Thread(() -> {
      try (ToolSpan tool = tracing.tracer.tool("callback").setParent(call.context()).start()) {
        tool.setToolName("callback");
      }
    });
    other.start();
    other.join();
    call.close();
    assertThat(tracing.span("callback").getParentSpanId()).isEqualTo(tracing.span("async call").getSpanId());
  }

  @Test
  void recordException_marksTheSpanFailedWithTheExceptionAsAnEvent() {
    try (ChainSpan span = tracing.tracer.chain("fetch").start()) {
      span.recordException(new IllegalStateException("ticket 99999999 not found"));
    }
    SpanData span = tracing.span("fetch");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatus().getDescription()).isEqualTo("ticket 99999999 not found");
    assertThat(span.getEvents()).singleElement().satisfies(e -> {
      assertThat(e.getName()).isEqualTo("exception");
      assertThat(e.getAttributes().get(stringKey("exception.type"))).isEqualTo("java.lang.IllegalStateException");
      assertThat(e.getAttributes().get(stringKey("exception.stacktrace"))).contains("OpenInferenceSpansTest");
    });
  }

  @Test
  void nullsAnywhere_areIgnoredAndNeverThrowIntoTheApplication() {
    assertThatCode(() -> {
      try (LlmSpan llm = tracing.tracer.llm(null).setParent(null).setAttribute(null, "x").start()) {
        llm.setModelName(null).setProvider(null).setInputMessages(null).setOutputMessages(
                java.util.Arrays.asList(null, Message.assistant(null))).setTokenCount(null)
            .setInvocationParameters(null).setMetadata(null).setInput(null).setAttribute(null, 1L)
            .recordException(null).addEvent(null, null).setTools(null);
      }
    }).doesNotThrowAnyException();
    assertThat(tracing.span("LLM").getAttributes().get(stringKey("llm.output_messages.0.message.role")))
        .isEqualTo("assistant");
  }

  @Test
  void jsonValues_escapeQuotesControlCharactersAndNonFiniteNumbers() {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("quote", "say \"hi\"\n\ttab\u0001");
    metadata.put("nan", Double.NaN);
    metadata.put("list", List.of(1, true, "x"));
    metadata.put("nested", Map.of("k", 2.5));
    assertThat(JsonText.of(metadata)).isEqualTo(
        "{\"quote\":\"say \\\"hi\\\"\\n\\ttab\\u0001\",\"nan\":null,\"list\":[1,true,\"x\"],\"nested\":{\"k\":2.5}}");
  }
}
