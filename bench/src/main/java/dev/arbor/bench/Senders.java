package dev.arbor.bench;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

/** The OTLP transports the benchmark drives, each sending one export and returning its wire size. */
final class Senders {
  private Senders() {}

  /** Sends one request and returns the bytes put on the wire; throws if it was not acknowledged. */
  interface Sender {
    long send(ExportTraceServiceRequest request) throws Exception;
  }

  static final class RetryLater extends Exception {
    private static final long serialVersionUID = 1L;

    RetryLater(String message) {
      super(message, null, false, false);
    }
  }

  static Sender of(String transport, int httpPort, int grpcPort) {
    ClientFactory factory = ClientFactory.builder().maxNumEventLoopsPerEndpoint(4).build();
    return switch (transport) {
      case "grpc" -> {
        TraceServiceGrpc.TraceServiceBlockingStub stub = GrpcClients.builder("http://127.0.0.1:" + grpcPort)
            .factory(factory).maxRequestMessageLength(256 << 20).responseTimeout(Duration.ofSeconds(60))
            .build(TraceServiceGrpc.TraceServiceBlockingStub.class);
        yield request -> {
          try {
            stub.export(request);
          } catch (io.grpc.StatusRuntimeException e) {
            if (e.getStatus().getCode() == io.grpc.Status.Code.UNAVAILABLE) {
              throw new RetryLater(e.getStatus().getDescription());
            }
            throw e;
          }
          return request.getSerializedSize();
        };
      }
      case "http", "http-gzip" -> {
        boolean gzip = transport.equals("http-gzip");
        WebClient client = WebClient.builder("http://127.0.0.1:" + httpPort).factory(factory)
            .responseTimeout(Duration.ofSeconds(60)).maxResponseLength(16 << 20).build();
        yield request -> {
          byte[] body = gzip ? gzip(request.toByteArray()) : request.toByteArray();
          com.linecorp.armeria.common.RequestHeadersBuilder headers = RequestHeaders.builder(HttpMethod.POST, "/v1/traces")
              .contentType(MediaType.PROTOBUF);
          if (gzip) {
            headers.add(HttpHeaderNames.CONTENT_ENCODING, "gzip");
          }
          AggregatedHttpResponse response = client.execute(HttpRequest.of(headers.build(),
              com.linecorp.armeria.common.HttpData.wrap(body))).aggregate().join();
          if (response.status().code() == 503) {
            throw new RetryLater("503");
          }
          if (response.status().code() != 200) {
            throw new IllegalStateException("HTTP " + response.status());
          }
          return body.length;
        };
      }
      default -> throw new IllegalArgumentException("transport must be grpc, http or http-gzip: " + transport);
    };
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
