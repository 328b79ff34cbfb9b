package dev.arbor.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import dev.arbor.model.Attributes;
import dev.arbor.model.OtelKind;
import dev.arbor.model.Span;
import dev.arbor.model.SpanEvent;
import dev.arbor.model.SpanLink;
import dev.arbor.model.StatusCode;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an OTLP {@link ExportTraceServiceRequest} into model spans (not yet normalised). Spans with
 * invalid ids (wrong length or all zero) or an end before their start are rejected and counted, never
 * silently dropped.
 *
 * <p>The project is the one named by the request (a header), else the resource attribute
 * {@code openinference.project.name}, else {@code default}.
 */
public final class OtlpDecoder {
  public static final String PROJECT_ATTRIBUTE = "openinference.project.name";
  public static final String DEFAULT_PROJECT = "default";
  private static final HexFormat HEX = HexFormat.of();
  private static final int MAX_MESSAGE_SAMPLES = 3;

  private final int maxAttributeValueChars;

  private OtlpDecoder(int maxAttributeValueChars) {
    if (maxAttributeValueChars < 1) {
      throw new IllegalArgumentException("maxAttributeValueChars must be positive: " + maxAttributeValueChars);
    }
    this.maxAttributeValueChars = maxAttributeValueChars;
  }

  public static OtlpDecoder create(int maxAttributeValueChars) {
    return new OtlpDecoder(maxAttributeValueChars);
  }

  /** Parses protobuf bytes; a body that is not an export request is an {@link OtlpFormatException}. */
  public static ExportTraceServiceRequest parseProtobuf(byte[] body) throws OtlpFormatException {
    try {
      CodedInputStream input = CodedInputStream.newInstance(body);
      input.setSizeLimit(Integer.MAX_VALUE);
      return ExportTraceServiceRequest.parseFrom(input);
    } catch (IOException e) {
      throw new OtlpFormatException("body is not a protobuf ExportTraceServiceRequest: " + e.getMessage(), e);
    }
  }

  public DecodedBatch decode(ExportTraceServiceRequest request, String projectOverride) {
    AttributeDecoder attributes = new AttributeDecoder(maxAttributeValueChars);
    List<Span> spans = new ArrayList<>();
    int rejected = 0;
    Set<String> problems = new LinkedHashSet<>();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      Map<String, Object> resource = attributes.decode(resourceSpans.getResource().getAttributesList());
      String project = projectOf(projectOverride, resource);
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        String scopeName = scopeSpans.getScope().getName();
        String scopeVersion = scopeSpans.getScope().getVersion();
        for (io.opentelemetry.proto.trace.v1.Span s : scopeSpans.getSpansList()) {
          String problem = problemOf(s);
          if (problem != null) {
            rejected++;
            if (problems.size() < MAX_MESSAGE_SAMPLES) {
              problems.add(problem);
            }
            continue;
          }
          spans.add(Span.builder()
              .project(project)
              .traceId(HEX.formatHex(s.getTraceId().toByteArray()))
              .spanId(HEX.formatHex(s.getSpanId().toByteArray()))
              .parentSpanId(s.getParentSpanId().isEmpty() ? null : HEX.formatHex(s.getParentSpanId().toByteArray()))
              .traceState(s.getTraceState())
              .name(s.getName())
              .kind(OtelKind.ofNumber(s.getKindValue()))
              .startTimeUnixNano(s.getStartTimeUnixNano())
              .endTimeUnixNano(s.getEndTimeUnixNano())
              .statusCode(StatusCode.ofNumber(s.getStatus().getCodeValue()))
              .statusMessage(s.getStatus().getMessage())
              .attributes(attributes.decode(s.getAttributesList()))
              .events(events(s, attributes))
              .links(links(s, attributes))
              .resource(resource)
              .scopeName(scopeName)
              .scopeVersion(scopeVersion)
              .build());
        }
      }
    }
    String message = rejected == 0 ? "" : rejected + " invalid span(s) rejected: " + String.join("; ", problems);
    return new DecodedBatch(spans, rejected, message, attributes.truncatedCount());
  }

  private static String projectOf(String projectOverride, Map<String, Object> resource) {
    if (projectOverride != null && !projectOverride.isBlank()) {
      return projectOverride.strip();
    }
    String fromResource = Attributes.string(resource, PROJECT_ATTRIBUTE);
    return fromResource == null || fromResource.isBlank() ? DEFAULT_PROJECT : fromResource.strip();
  }

  private static String problemOf(io.opentelemetry.proto.trace.v1.Span s) {
    if (!validId(s.getTraceId(), 16)) {
      return "trace id must be 16 bytes and not all zero (span '" + s.getName() + "')";
    }
    if (!validId(s.getSpanId(), 8)) {
      return "span id must be 8 bytes and not all zero (span '" + s.getName() + "')";
    }
    if (!s.getParentSpanId().isEmpty() && s.getParentSpanId().size() != 8) {
      return "parent span id must be empty or 8 bytes (span '" + s.getName() + "')";
    }
    if (Long.compareUnsigned(s.getEndTimeUnixNano(), s.getStartTimeUnixNano()) < 0) {
      return "end time is before start time (span '" + s.getName() + "')";
    }
    for (io.opentelemetry.proto.trace.v1.Span.Link link : s.getLinksList()) {
      if (!validId(link.getTraceId(), 16) || !validId(link.getSpanId(), 8)) {
        return "a link's trace id must be 16 bytes and its span id 8 bytes, not all zero (span '" + s.getName() + "')";
      }
    }
    return null;
  }

  private static boolean validId(ByteString id, int length) {
    if (id.size() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (id.byteAt(i) != 0) {
        return true;
      }
    }
    return false;
  }

  private static List<SpanEvent> events(io.opentelemetry.proto.trace.v1.Span s, AttributeDecoder attributes) {
    if (s.getEventsCount() == 0) {
      return List.of();
    }
    List<SpanEvent> events = new ArrayList<>(s.getEventsCount());
    for (io.opentelemetry.proto.trace.v1.Span.Event e : s.getEventsList()) {
      events.add(SpanEvent.of(e.getName(), e.getTimeUnixNano(), attributes.decode(e.getAttributesList())));
    }
    return events;
  }

  private static List<SpanLink> links(io.opentelemetry.proto.trace.v1.Span s, AttributeDecoder attributes) {
    if (s.getLinksCount() == 0) {
      return List.of();
    }
    List<SpanLink> links = new ArrayList<>(s.getLinksCount());
    for (io.opentelemetry.proto.trace.v1.Span.Link l : s.getLinksList()) {
      links.add(SpanLink.of(HEX.formatHex(l.getTraceId().toByteArray()), HEX.formatHex(l.getSpanId().toByteArray()),
          l.getTraceState(), attributes.decode(l.getAttributesList())));
    }
    return links;
  }
}
