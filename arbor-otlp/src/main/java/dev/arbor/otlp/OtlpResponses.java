package dev.arbor.otlp;

import com.google.protobuf.Message;
import com.google.rpc.Status;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.nio.charset.StandardCharsets;

/**
 * OTLP's answers: the export response (with {@code partial_success} when spans were rejected) and the
 * {@code google.rpc.Status} body of OTLP/HTTP errors, in protobuf or OTLP/JSON.
 */
public final class OtlpResponses {
  /** gRPC status codes used in OTLP/HTTP error bodies. */
  public static final int INVALID_ARGUMENT = 3;
  public static final int PERMISSION_DENIED = 7;
  public static final int RESOURCE_EXHAUSTED = 8;
  public static final int UNAVAILABLE = 14;

  private OtlpResponses() {}

  public static ExportTraceServiceResponse export(int rejected, String rejectionMessage) {
    ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
    if (rejected > 0) {
      response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
          .setRejectedSpans(rejected).setErrorMessage(rejectionMessage));
    }
    return response.build();
  }

  public static byte[] exportBody(int rejected, String rejectionMessage, boolean json) {
    return encode(export(rejected, rejectionMessage), json);
  }

  public static byte[] statusBody(int code, String message, boolean json) {
    return encode(Status.newBuilder().setCode(code).setMessage(message).build(), json);
  }

  private static byte[] encode(Message message, boolean json) {
    return json ? OtlpJson.print(message).getBytes(StandardCharsets.UTF_8) : message.toByteArray();
  }
}
