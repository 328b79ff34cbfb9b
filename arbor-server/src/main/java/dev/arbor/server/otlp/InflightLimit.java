package dev.arbor.server.otlp;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Bounds the export bodies being read and decoded at once, which the ingest queue cannot see: each
 * request reserves its declared {@code content-length} (or {@link #UNKNOWN_LENGTH} when it declares none,
 * as gRPC requests usually do) before its body is read, and gives it back when it has been answered. A
 * request that does not fit is refused with the transport's "retry later" before any of it is read; one
 * is always admitted when nothing is in flight, so that a request larger than the budget is never
 * refused forever.
 */
public final class InflightLimit {
  static final long UNKNOWN_LENGTH = 1 << 20;

  private final long budgetBytes;
  private final AtomicLong used = new AtomicLong();
  private final Counter refused;

  private InflightLimit(long budgetBytes, MeterRegistry registry) {
    this.budgetBytes = budgetBytes;
    this.refused = Counter.builder("arbor.exports.refused")
        .description("Export requests answered 'retry later' before being read (queue or in-flight budget full)")
        .register(registry);
    Gauge.builder("arbor.ingest.inflight.bytes", used, AtomicLong::get)
        .description("Declared bytes of export bodies being read or decoded").register(registry);
  }

  public static InflightLimit create(long budgetBytes, MeterRegistry registry) {
    return new InflightLimit(budgetBytes, registry);
  }

  boolean tryReserve(long bytes) {
    long before;
    do {
      before = used.get();
      if (before > 0 && before + bytes > budgetBytes) {
        return false;
      }
    } while (!used.compareAndSet(before, before + bytes));
    return true;
  }

  void release(long bytes) {
    used.addAndGet(-bytes);
  }

  long used() {
    return used.get();
  }

  /** Admits a request only if it fits (and {@code alsoRefuse} is false); else answers {@code refusal}. */
  public Function<? super HttpService, ? extends HttpService> decorator(Supplier<Boolean> alsoRefuse,
      Function<HttpRequest, HttpResponse> refusal) {
    DecoratingHttpServiceFunction limit = (HttpService delegate, ServiceRequestContext ctx, HttpRequest req) -> {
      long declared = req.headers().contentLength();
      long bytes = declared >= 0 ? declared : UNKNOWN_LENGTH;
      if (alsoRefuse.get() || !tryReserve(bytes)) {
        refused.increment();
        return refusal.apply(req);
      }
      ctx.log().whenComplete().thenRun(() -> release(bytes));
      return delegate.serve(ctx, req);
    };
    return service -> service.decorate(limit);
  }
}
