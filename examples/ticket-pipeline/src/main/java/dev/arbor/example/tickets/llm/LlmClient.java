package dev.arbor.example.tickets.llm;

import java.io.IOException;

/** One provider's chat API: a system instruction and a user prompt in, text out. */
public interface LlmClient {
  LlmAnswer complete(String system, String prompt) throws IOException, InterruptedException;

  /** The model the client asks for. */
  String model();

  /** Sampling settings sent with each call, for the LLM span's invocation parameters (one constant map). */
  default java.util.Map<String, Object> parameters() {
    return ProviderCall.PARAMETERS;
  }
}
