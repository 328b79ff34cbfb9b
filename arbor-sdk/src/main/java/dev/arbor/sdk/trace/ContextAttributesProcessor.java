package dev.arbor.sdk.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.List;

/**
 * Copies the current {@link ContextAttributes} onto every span as it starts ({@code session.id}, {@code user.id},
 * {@code metadata}, {@code tag.tags}). Spans of any tracer get them, including auto-instrumented ones.
 */
public final class ContextAttributesProcessor implements SpanProcessor {
  private static final AttributeKey<String> SESSION = AttributeKey.stringKey("session.id");
  private static final AttributeKey<String> USER = AttributeKey.stringKey("user.id");
  private static final AttributeKey<String> METADATA = AttributeKey.stringKey("metadata");
  private static final AttributeKey<List<String>> TAGS = AttributeKey.stringArrayKey("tag.tags");

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    ContextAttributes attributes = ContextAttributes.fromContext(parentContext);
    if (attributes.isEmpty()) {
      return;
    }
    if (attributes.sessionId() != null) span.setAttribute(SESSION, attributes.sessionId());
    if (attributes.userId() != null) span.setAttribute(USER, attributes.userId());
    if (attributes.metadataJson() != null) span.setAttribute(METADATA, attributes.metadataJson());
    if (!attributes.tags().isEmpty()) span.setAttribute(TAGS, attributes.tags());
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {}

  @Override
  public boolean isEndRequired() {
    return false;
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
