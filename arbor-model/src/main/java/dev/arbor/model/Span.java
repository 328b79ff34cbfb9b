package dev.arbor.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One span as Arbor stores it: the OTLP span (ids as lowercase hex, times in epoch nanoseconds), the
 * attributes, resource and scope exactly as received, the project it belongs to, and the canonical
 * {@link LlmFields} that {@code SpanNormalizer} derived from the attributes, and the {@link SpanCost} that
 * pricing computed from its token counts at ingest ({@link SpanCost#NONE} until then, or when unpriced).
 *
 * <p>{@code parentSpanId} is {@code null} for a root span. Build with {@link #builder()}.
 */
public record Span(
    String project,
    String traceId,
    String spanId,
    String parentSpanId,
    String traceState,
    String name,
    OtelKind kind,
    long startTimeUnixNano,
    long endTimeUnixNano,
    StatusCode statusCode,
    String statusMessage,
    Map<String, Object> attributes,
    List<SpanEvent> events,
    List<SpanLink> links,
    Map<String, Object> resource,
    String scopeName,
    String scopeVersion,
    LlmFields llm,
    SpanCost cost) {

  public Span {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(spanId, "spanId");
    Objects.requireNonNull(name, "name");
    traceState = traceState == null ? "" : traceState;
    kind = kind == null ? OtelKind.UNSPECIFIED : kind;
    statusCode = statusCode == null ? StatusCode.UNSET : statusCode;
    statusMessage = statusMessage == null ? "" : statusMessage;
    attributes = Attributes.copyOf(attributes);
    events = events == null ? List.of() : List.copyOf(events);
    links = links == null ? List.of() : List.copyOf(links);
    resource = Attributes.copyOf(resource);
    scopeName = scopeName == null ? "" : scopeName;
    scopeVersion = scopeVersion == null ? "" : scopeVersion;
    llm = llm == null ? LlmFields.NONE : llm;
    cost = cost == null ? SpanCost.NONE : cost;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .project(project).traceId(traceId).spanId(spanId).parentSpanId(parentSpanId).traceState(traceState)
        .name(name).kind(kind).startTimeUnixNano(startTimeUnixNano).endTimeUnixNano(endTimeUnixNano)
        .statusCode(statusCode).statusMessage(statusMessage).attributes(attributes).events(events)
        .links(links).resource(resource).scopeName(scopeName).scopeVersion(scopeVersion).llm(llm).cost(cost);
  }

  /** Builds a {@link Span}; the project defaults to {@code default}. */
  public static final class Builder {
    private String project = "default";
    private String traceId;
    private String spanId;
    private String parentSpanId;
    private String traceState;
    private String name = "";
    private OtelKind kind;
    private long startTimeUnixNano;
    private long endTimeUnixNano;
    private StatusCode statusCode;
    private String statusMessage;
    private Map<String, Object> attributes;
    private List<SpanEvent> events;
    private List<SpanLink> links;
    private Map<String, Object> resource;
    private String scopeName;
    private String scopeVersion;
    private LlmFields llm;
    private SpanCost cost;

    private Builder() {}

    public Builder project(String v) { project = v; return this; }
    public Builder traceId(String v) { traceId = v; return this; }
    public Builder spanId(String v) { spanId = v; return this; }
    public Builder parentSpanId(String v) { parentSpanId = v; return this; }
    public Builder traceState(String v) { traceState = v; return this; }
    public Builder name(String v) { name = v; return this; }
    public Builder kind(OtelKind v) { kind = v; return this; }
    public Builder startTimeUnixNano(long v) { startTimeUnixNano = v; return this; }
    public Builder endTimeUnixNano(long v) { endTimeUnixNano = v; return this; }
    public Builder statusCode(StatusCode v) { statusCode = v; return this; }
    public Builder statusMessage(String v) { statusMessage = v; return this; }
    public Builder attributes(Map<String, Object> v) { attributes = v; return this; }
    public Builder events(List<SpanEvent> v) { events = v; return this; }
    public Builder links(List<SpanLink> v) { links = v; return this; }
    public Builder resource(Map<String, Object> v) { resource = v; return this; }
    public Builder scopeName(String v) { scopeName = v; return this; }
    public Builder scopeVersion(String v) { scopeVersion = v; return this; }
    public Builder llm(LlmFields v) { llm = v; return this; }
    public Builder cost(SpanCost v) { cost = v; return this; }

    public Span build() {
      return new Span(project, traceId, spanId, parentSpanId, traceState, name, kind, startTimeUnixNano,
          endTimeUnixNano, statusCode, statusMessage, attributes, events, links, resource, scopeName,
          scopeVersion, llm, cost);
    }
  }
}
