package dev.arbor.example.tickets.fake;

import dev.arbor.example.tickets.llm.LlmProvider;
import dev.arbor.example.tickets.llm.LlmSettings;
import java.time.Duration;

/**
 * Local fakes of every service the pipeline calls (Zendesk, Gemini, Azure OpenAI, Anthropic), each speaking the
 * real protocol on a loopback port, so the example runs offline and its tests need no keys.
 */
public final class FakeServices implements AutoCloseable {
  private final FakeZendesk zendesk = new FakeZendesk();
  private final FakeGemini gemini;
  private final FakeAzureOpenAi azure;
  private final FakeAnthropic anthropic;

  private FakeServices(Duration llmLatency) {
    gemini = new FakeGemini(llmLatency);
    azure = new FakeAzureOpenAi(llmLatency);
    anthropic = new FakeAnthropic(llmLatency);
  }

  /** Starts every fake; each model call takes {@code llmLatency} ± 20 %. */
  public static FakeServices start(Duration llmLatency) {
    return new FakeServices(llmLatency);
  }

  public String zendeskUrl() {
    return zendesk.url();
  }

  /** The fake of {@code provider}, with a placeholder key and the provider's default model. */
  public LlmSettings settings(LlmProvider provider) {
    switch (provider) {
      case GEMINI:
        return new LlmSettings(gemini.url(), "fake-key", "gemini-2.5-flash", null);
      case AZURE:
        return new LlmSettings(azure.url(), "fake-key", "gpt-4o", "2024-10-21");
      case ANTHROPIC:
        return new LlmSettings(anthropic.url(), "fake-key", "claude-sonnet-4-5", null);
      default:
        throw new IllegalStateException(provider.name());
    }
  }

  @Override
  public void close() {
    zendesk.close();
    gemini.close();
    azure.close();
    anthropic.close();
  }
}
