package dev.arbor.langchain4j;

import dev.arbor.sdk.ArborTracing;
import dev.arbor.sdk.trace.LlmSpan;
import dev.arbor.sdk.trace.OpenInferenceTracer;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import io.opentelemetry.api.OpenTelemetry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records every chat call of a LangChain4j model as an OpenInference LLM span: the request's messages, tools and
 * parameters, the answer with its tool calls, the model, the token counts (with cache and reasoning tokens where
 * the provider reports them) and errors. The span's parent is whatever span is current where the call is made.
 *
 * <pre>{@code
 * ChatModel model = OpenAiChatModel.builder().apiKey(key).modelName("gpt-4o-mini")
 *     .listeners(List.of(new ArborChatModelListener(arbor)))
 *     .build();
 * }</pre>
 *
 * <p>Like the rest of the SDK it never throws into the application: a failure to record is logged and skipped.
 */
public final class ArborChatModelListener implements ChatModelListener {
  static final String INSTRUMENTATION_NAME = "dev.arbor.langchain4j";
  private static final Logger log = Logger.getLogger(ArborChatModelListener.class.getName());
  private static final Object SPAN = new Object();

  private final OpenInferenceTracer tracer;

  public ArborChatModelListener(ArborTracing tracing) {
    this(tracing.tracer(INSTRUMENTATION_NAME));
  }

  /** For applications that set up OpenTelemetry themselves. */
  public ArborChatModelListener(OpenTelemetry openTelemetry) {
    this(OpenInferenceTracer.of(openTelemetry.getTracer(INSTRUMENTATION_NAME)));
  }

  private ArborChatModelListener(OpenInferenceTracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public void onRequest(ChatModelRequestContext context) {
    LlmSpan span = null;
    try {
      ChatRequest request = context.chatRequest();
      ChatRequestParameters parameters = request.parameters();
      String model = parameters == null ? null : parameters.modelName();
      // Started detached: a streaming answer ends on another thread, where no scope of this one could be closed.
      span = tracer.llm(model == null ? "chat" : "chat " + model).startDetached();
      // Kept at once, so that the response or error ends it even if recording the request fails below.
      context.attributes().put(SPAN, span);
      Provider provider = Provider.of(context.modelProvider());
      span.setModelName(model).setProvider(provider.provider).setSystem(provider.system)
          .setInputMessages(Messages.of(request.messages()));
      if (parameters != null) {
        span.setInvocationParameters(invocationParameters(parameters));
        List<ToolSpecification> tools = parameters.toolSpecifications();
        if (tools != null && !tools.isEmpty()) {
          List<String> schemas = new ArrayList<>();
          for (ToolSpecification tool : tools) {
            schemas.add(tool.toJson());
          }
          span.setTools(schemas);
        }
      }
    } catch (RuntimeException e) {
      if (span != null) {
        span.setAttribute("arbor.instrumentation.error", "the request could not be recorded: " + e);
      }
      log.log(Level.WARNING, "Arbor: could not record a LangChain4j chat request", e);
    }
  }

  @Override
  public void onResponse(ChatModelResponseContext context) {
    LlmSpan span = (LlmSpan) context.attributes().remove(SPAN);
    if (span == null) {
      return;
    }
    try {
      ChatResponse response = context.chatResponse();
      AiMessage answer = response.aiMessage();
      if (answer != null) {
        span.setOutputMessages(List.of(Messages.of(answer)));
        span.setOutput(answer.text());
      }
      ChatResponseMetadata metadata = response.metadata();
      if (metadata != null) {
        span.setModelName(metadata.modelName());
        span.setTokenCount(Tokens.of(metadata.tokenUsage()));
        if (metadata.finishReason() != null) {
          span.setAttribute("llm.finish_reason", metadata.finishReason().name().toLowerCase(Locale.ROOT));
        }
      }
    } catch (RuntimeException e) {
      log.log(Level.FINE, "Arbor: could not record a LangChain4j chat response", e);
    } finally {
      span.close();
    }
  }

  @Override
  public void onError(ChatModelErrorContext context) {
    LlmSpan span = (LlmSpan) context.attributes().remove(SPAN);
    if (span == null) {
      return;
    }
    try {
      span.recordException(context.error());
    } finally {
      span.close();
    }
  }

  private static Map<String, Object> invocationParameters(ChatRequestParameters p) {
    Map<String, Object> out = new LinkedHashMap<>();
    putIfSet(out, "temperature", p.temperature());
    putIfSet(out, "top_p", p.topP());
    putIfSet(out, "top_k", p.topK());
    putIfSet(out, "frequency_penalty", p.frequencyPenalty());
    putIfSet(out, "presence_penalty", p.presencePenalty());
    putIfSet(out, "max_tokens", p.maxOutputTokens());
    if (p.stopSequences() != null && !p.stopSequences().isEmpty()) {
      out.put("stop", p.stopSequences());
    }
    return out;
  }

  private static void putIfSet(Map<String, Object> out, String key, Object value) {
    if (value != null) {
      out.put(key, value);
    }
  }

  /** LangChain4j's provider as OpenInference names the host ({@code llm.provider}) and the API ({@code llm.system}). */
  private record Provider(String provider, String system) {
    static Provider of(ModelProvider p) {
      if (p == null) {
        return new Provider(null, null);
      }
      switch (p) {
        case OPEN_AI:
          return new Provider("openai", "openai");
        case AZURE_OPEN_AI:
          return new Provider("azure", "openai");
        case ANTHROPIC:
          return new Provider("anthropic", "anthropic");
        case GOOGLE_AI_GEMINI:
        case GOOGLE_GENAI:
          return new Provider("google", "vertexai");
        case GOOGLE_VERTEX_AI_GEMINI:
          return new Provider("google", "vertexai");
        case GOOGLE_VERTEX_AI_ANTHROPIC:
          return new Provider("google", "anthropic");
        case AMAZON_BEDROCK:
          return new Provider("aws", null);
        case MISTRAL_AI:
          return new Provider("mistralai", "mistralai");
        case COHERE:
          return new Provider("cohere", "cohere");
        case OTHER:
          return new Provider(null, null);
        default:
          return new Provider(p.name().toLowerCase(Locale.ROOT).replace("_", ""), null);
      }
    }
  }
}
