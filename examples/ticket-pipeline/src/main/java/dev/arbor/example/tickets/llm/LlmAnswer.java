package dev.arbor.example.tickets.llm;

/** A model's answer and what it cost in tokens, as the provider reported it. */
public record LlmAnswer(String text, String model, long promptTokens, long completionTokens) {}
