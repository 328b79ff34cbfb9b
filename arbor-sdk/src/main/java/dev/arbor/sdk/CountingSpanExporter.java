package dev.arbor.sdk;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/** Reports each failed export of one destination to {@link DroppedSpans}. */
final class CountingSpanExporter implements SpanExporter {
  private final SpanExporter delegate;
  private final Destination destination;
  private final DroppedSpans dropped;

  CountingSpanExporter(SpanExporter delegate, Destination destination, DroppedSpans dropped) {
    this.delegate = delegate;
    this.destination = destination;
    this.dropped = dropped;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    dropped.warnIfQueuesOverflowed();
    int count = spans.size();
    CompletableResultCode result;
    try {
      result = delegate.export(spans);
    } catch (RuntimeException e) {
      dropped.exportFailed(destination, count, e);
      return CompletableResultCode.ofFailure();
    }
    result.whenComplete(() -> {
      if (!result.isSuccess()) {
        dropped.exportFailed(destination, count, result.getFailureThrowable());
      }
    });
    return result;
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }
}
