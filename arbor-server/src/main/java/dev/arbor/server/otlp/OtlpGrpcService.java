package dev.arbor.server.otlp;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.arbor.otlp.OtlpDecoder;
import dev.arbor.otlp.OtlpResponses;
import dev.arbor.server.ingest.IngestPipeline;
import dev.arbor.server.ingest.QueueFullException;
import dev.arbor.otlp.DecodedBatch;
import dev.arbor.server.access.IngestGate;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.util.concurrent.CompletionException;

/**
 * OTLP/gRPC {@code TraceService/Export}. The answer comes after commit; a full queue or a failed commit
 * is {@code UNAVAILABLE}, which OTLP exporters retry with back-off.
 */
public final class OtlpGrpcService extends TraceServiceGrpc.TraceServiceImplBase {
  private static final String BUSY = "Arbor is busy: the ingest queue is full; retry later";
  private final IngestPipeline pipeline;
  private final OtlpDecoder decoder;

  public OtlpGrpcService(IngestPipeline pipeline, OtlpDecoder decoder) {
    this.pipeline = pipeline;
    this.decoder = decoder;
  }

  /** The trailers-only {@code UNAVAILABLE} answer, for refusing an export before reading it. */
  public static HttpResponse busy(HttpRequest unread) {
    return HttpResponse.of(ResponseHeaders.builder(HttpStatus.OK)
        .contentType(MediaType.parse("application/grpc"))
        .add("grpc-status", String.valueOf(Status.Code.UNAVAILABLE.value()))
        .add("grpc-message", BUSY)
        .build());
  }

  @Override
  public void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> observer) {
    ServiceRequestContext ctx = ServiceRequestContext.current();
    String project = ctx.request().headers().get(OtlpHttpService.PROJECT_HEADER);
    DecodedBatch batch = decoder.decode(request, project);
    String refusal = IngestGate.refusal(ctx, batch.spans());
    if (refusal != null) {
      observer.onError(Status.PERMISSION_DENIED.withDescription(refusal).asRuntimeException());
      return;
    }
    // Answered off the writer thread, which must get back to committing.
    pipeline.submit(batch, request.getSerializedSize()).whenCompleteAsync((outcome, error) -> {
      if (error != null) {
        Throwable cause = error instanceof CompletionException ? error.getCause() : error;
        String message = cause instanceof QueueFullException
            ? BUSY
            : "spans could not be stored; retry later";
        observer.onError(Status.UNAVAILABLE.withDescription(message).asRuntimeException());
        return;
      }
      observer.onNext(OtlpResponses.export(outcome.rejected(), outcome.rejectionMessage()));
      observer.onCompleted();
    }, ctx.blockingTaskExecutor());
  }
}
