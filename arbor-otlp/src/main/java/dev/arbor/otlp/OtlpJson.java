package dev.arbor.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * OTLP/JSON as the OTLP specification defines it, which differs from protobuf's canonical JSON mapping
 * in one way that matters: trace and span ids are hex, not base64. Enums may be numbers or names, 64-bit
 * integers strings or numbers, and unknown fields are ignored.
 */
public final class OtlpJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
  /** Bytes that can never be a valid id, put where an id was not hex, so the span is rejected by name. */
  private static final String NOT_HEX = Base64.getEncoder().encodeToString(new byte[] {1});

  private OtlpJson() {}

  public static ExportTraceServiceRequest parseRequest(byte[] body) throws OtlpFormatException {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new OtlpFormatException("body is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new OtlpFormatException("body could not be read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new OtlpFormatException("body must be a JSON object with resourceSpans", null);
    }
    for (JsonNode resourceSpans : root.path("resourceSpans")) {
      for (JsonNode scopeSpans : resourceSpans.path("scopeSpans")) {
        for (JsonNode span : scopeSpans.path("spans")) {
          hexToBase64(span, "traceId", "trace_id");
          hexToBase64(span, "spanId", "span_id");
          hexToBase64(span, "parentSpanId", "parent_span_id");
          for (JsonNode link : span.path("links")) {
            hexToBase64(link, "traceId", "trace_id");
            hexToBase64(link, "spanId", "span_id");
          }
        }
      }
    }
    ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
    try {
      PARSER.merge(MAPPER.writeValueAsString(root), builder);
    } catch (InvalidProtocolBufferException | JsonProcessingException e) {
      throw new OtlpFormatException("body is not an OTLP/JSON ExportTraceServiceRequest: " + e.getMessage(), e);
    }
    return builder.build();
  }

  static String print(Message message) {
    try {
      return PRINTER.print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print " + message.getDescriptorForType().getName(), e);
    }
  }

  private static void hexToBase64(JsonNode parent, String... names) {
    if (!(parent instanceof ObjectNode object)) {
      return;
    }
    for (String name : names) {
      JsonNode value = object.get(name);
      if (value != null && value.isTextual()) {
        object.put(name, base64OfHex(value.asText()));
      }
    }
  }

  private static String base64OfHex(String hex) {
    try {
      return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      return NOT_HEX;
    }
  }
}
