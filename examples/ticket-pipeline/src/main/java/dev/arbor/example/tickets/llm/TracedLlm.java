package dev.arbor.example.tickets.llm;

import dev.arbor.sdk.trace.LlmSpan;
import dev.arbor.sdk.trace.Message;
import dev.arbor.sdk.trace.OpenInferenceTracer;
import dev.arbor.sdk.trace.TokenCount;
import java.io.IOException;
import java.util.List;

/**
 * Records each call of a provider's client as an OpenInference LLM span: seed 004's tier 1, which Python gets from
 * the OpenInference instrumentors. Analysers call this and never see tracing.
 */
public final class TracedLlm {
  private final LlmClient client;
  private final LlmProvider provider;
  private final OpenInferenceTracer tracer;

  public TracedLlm(LlmClient client, LlmProvider provider, OpenInferenceTracer tracer) {
    this.client = client;
    this.provider = provider;
    this.tracer = tracer;
  }

  public LlmProvider provider() {
    return provider;
  }

  public LlmAnswer complete(String system, String prompt) throws IOException, InterruptedException {
    try (LlmSpan span = tracer.llm("LLM Call - " + provider.displayName()).start()) {
      span.setModelName(client.model()).setProvider(provider.openInferenceProvider)
          .setSystem(provider.openInferenceSystem).setInvocationParameters(client.parameters())
          .setInputMessages(List.of(Message.system(system), Message.user(prompt)));
      try {
        LlmAnswer answer = client.complete(system, prompt);
        span.setModelName(answer.model())
            .setOutputMessages(List.of(Message.assistant(answer.text())))
            .setOutputJson(answer.text())
            .setTokenCount(TokenCount.of(answer.promptTokens(), answer.completionTokens()));
        return answer;
      } catch (IOException | RuntimeException e) {
        span.recordException(e);
        throw e;
      }
    }
  }
}
