package dev.arbor.server.otlp;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.arbor.otlp.DecodedBatch;
import dev.arbor.otlp.OtlpDecoder;
import dev.arbor.otlp.OtlpFormatException;
import dev.arbor.otlp.OtlpJson;
import dev.arbor.otlp.OtlpResponses;
import dev.arbor.server.access.IngestGate;
import dev.arbor.server.ingest.IngestOutcome;
import dev.arbor.server.ingest.IngestPipeline;
import dev.arbor.server.ingest.QueueFullException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * OTLP/HTTP trace export ({@code POST /v1/traces}, and Langfuse's {@code /api/public/otel/v1/traces}):
 * protobuf or JSON, optionally gzip; the answer uses the request's encoding. Errors follow OTLP/HTTP:
 * a {@code google.rpc.Status} body, 400 for a malformed body, 413 when too large, 415 for an unsupported
 * content type or encoding, 503 with Retry-After when the queue is full or the store fails.
 */
public final class OtlpHttpService implements HttpService {
  static final String PROJECT_HEADER = "x-project-name";
  private static final String RETRY_AFTER_SECONDS = "1";

  private final IngestPipeline pipeline;
  private final OtlpDecoder decoder;
  private final long maxRequestBytes;

  public OtlpHttpService(IngestPipeline pipeline, OtlpDecoder decoder, long maxRequestBytes) {
    this.pipeline = pipeline;
    this.decoder = decoder;
    this.maxRequestBytes = maxRequestBytes;
  }

  private enum Encoding {
    PROTOBUF(MediaType.PROTOBUF), JSON(MediaType.JSON);

    final MediaType mediaType;

    Encoding(MediaType mediaType) {
      this.mediaType = mediaType;
    }
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    Encoding encoding = encodingOf(req.contentType());
    if (encoding == null) {
      return HttpResponse.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, MediaType.PLAIN_TEXT_UTF_8,
          "content type must be application/x-protobuf or application/json, not " + req.contentType());
    }
    CompletableFuture<HttpResponse> response = req.aggregate()
        .thenApplyAsync(agg -> decode(ctx, agg, encoding), ctx.blockingTaskExecutor())
        .thenCompose(decoded -> decoded.response != null
            ? CompletableFuture.completedFuture(decoded.response)
            // Answered off the writer thread, which must get back to committing.
            : pipeline.submit(decoded.batch, decoded.bytes)
                .handleAsync((outcome, error) -> answer(encoding, outcome, error), ctx.blockingTaskExecutor()));
    return HttpResponse.of(response);
  }

  private record Decoded(DecodedBatch batch, long bytes, HttpResponse response) {}

  private Decoded decode(ServiceRequestContext ctx, AggregatedHttpRequest agg, Encoding encoding) {
    byte[] body = agg.content().array();
    String contentEncoding = agg.headers().get(HttpHeaderNames.CONTENT_ENCODING, "identity").strip()
        .toLowerCase(Locale.ROOT);
    switch (contentEncoding) {
      case "gzip", "x-gzip" -> {
        try {
          body = BoundedInflater.gunzip(body, maxRequestBytes);
        } catch (BoundedInflater.TooLargeException e) {
          return new Decoded(null, 0, error(encoding, HttpStatus.REQUEST_ENTITY_TOO_LARGE, e.getMessage()));
        } catch (IOException e) {
          return new Decoded(null, 0, error(encoding, HttpStatus.BAD_REQUEST, "body is not valid gzip: " + e.getMessage()));
        }
      }
      case "identity", "" -> { }
      default -> {
        return new Decoded(null, 0, error(encoding, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "content encoding must be gzip or identity, not " + contentEncoding));
      }
    }
    try {
      ExportTraceServiceRequest request = encoding == Encoding.JSON
          ? OtlpJson.parseRequest(body) : OtlpDecoder.parseProtobuf(body);
      DecodedBatch batch = decoder.decode(request, agg.headers().get(PROJECT_HEADER));
      String refusal = IngestGate.refusal(ctx, batch.spans());
      if (refusal != null) {
        return new Decoded(null, 0, body(encoding, HttpStatus.FORBIDDEN,
            OtlpResponses.statusBody(OtlpResponses.PERMISSION_DENIED, refusal, encoding == Encoding.JSON)));
      }
      return new Decoded(batch, body.length, null);
    } catch (OtlpFormatException e) {
      return new Decoded(null, 0, error(encoding, HttpStatus.BAD_REQUEST, e.getMessage()));
    }
  }

  private static HttpResponse answer(Encoding encoding, IngestOutcome outcome, Throwable error) {
    if (error != null) {
      Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
      if (cause instanceof QueueFullException) {
        return queueFull(encoding);
      }
      return retryable(encoding, "spans could not be stored; retry later");
    }
    return body(encoding, HttpStatus.OK,
        OtlpResponses.exportBody(outcome.rejected(), outcome.rejectionMessage(), encoding == Encoding.JSON));
  }

  /** The "retry later" answer for an export refused before its body is read, in the request's encoding. */
  public static HttpResponse busy(HttpRequest unread) {
    Encoding encoding = encodingOf(unread.contentType());
    return queueFull(encoding == null ? Encoding.PROTOBUF : encoding);
  }

  private static HttpResponse queueFull(Encoding encoding) {
    return retryable(encoding, "Arbor is busy: the ingest queue is full; retry later");
  }

  private static HttpResponse retryable(Encoding encoding, String message) {
    ResponseHeaders headers = ResponseHeaders.builder(HttpStatus.SERVICE_UNAVAILABLE)
        .contentType(encoding.mediaType).add(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    return HttpResponse.of(headers,
        HttpData.wrap(OtlpResponses.statusBody(OtlpResponses.UNAVAILABLE, message, encoding == Encoding.JSON)));
  }

  private static HttpResponse error(Encoding encoding, HttpStatus httpStatus, String message) {
    int code = httpStatus == HttpStatus.REQUEST_ENTITY_TOO_LARGE
        ? OtlpResponses.RESOURCE_EXHAUSTED : OtlpResponses.INVALID_ARGUMENT;
    return body(encoding, httpStatus, OtlpResponses.statusBody(code, message, encoding == Encoding.JSON));
  }

  private static HttpResponse body(Encoding encoding, HttpStatus status, byte[] body) {
    return HttpResponse.of(status, encoding.mediaType, HttpData.wrap(body));
  }

  private static Encoding encodingOf(MediaType contentType) {
    if (contentType == null) {
      return null;
    }
    if (contentType.is(MediaType.PROTOBUF) || contentType.is(MediaType.X_PROTOBUF)
        || contentType.is(MediaType.X_GOOGLE_PROTOBUF)) {
      return Encoding.PROTOBUF;
    }
    if (contentType.is(MediaType.JSON)) {
      return Encoding.JSON;
    }
    return null;
  }
}
