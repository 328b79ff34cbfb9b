package dev.arbor.sdk.trace;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Session, user, metadata and tags that apply to every span started while they are current, on this thread and
 * on any thread the context is carried to ({@code Arbor.wrap(executor)}). Scopes nest: an inner scope keeps the
 * outer one's values, adds its metadata and tags, and overrides session and user when it sets them.
 *
 * <pre>{@code
 * try (Scope ignored = ContextAttributes.builder().setSessionId(chatId).setUserId(user)
 *         .putMetadata("tenant", "acme").addTag("beta").build().makeCurrent()) {
 *   agent.answer(question);   // every span inside carries session.id, user.id, metadata and tag.tags
 * }
 * }</pre>
 */
public final class ContextAttributes {
  private static final ContextKey<ContextAttributes> KEY = ContextKey.named("arbor-context-attributes");
  private static final ContextAttributes EMPTY = new ContextAttributes(null, null, Map.of(), List.of());

  private final String sessionId;
  private final String userId;
  private final Map<String, Object> metadata;
  private final List<String> tags;
  private final String metadataJson;

  private ContextAttributes(String sessionId, String userId, Map<String, Object> metadata, List<String> tags) {
    this.sessionId = sessionId;
    this.userId = userId;
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    this.tags = List.copyOf(tags); // the builder keeps no null tag
    // Written once here, not once per span.
    this.metadataJson = metadata.isEmpty() ? null : JsonText.of(this.metadata);
  }

  public static Builder builder() {
    return new Builder(current());
  }

  /** The attributes current on this thread; empty when none were set. */
  public static ContextAttributes current() {
    return fromContext(Context.current());
  }

  public static ContextAttributes fromContext(Context context) {
    ContextAttributes attributes = context == null ? null : context.get(KEY);
    return attributes == null ? EMPTY : attributes;
  }

  /** Makes these attributes current until the scope is closed. */
  public Scope makeCurrent() {
    return Context.current().with(KEY, this).makeCurrent();
  }

  public String sessionId() {
    return sessionId;
  }

  public String userId() {
    return userId;
  }

  public Map<String, Object> metadata() {
    return metadata;
  }

  public List<String> tags() {
    return tags;
  }

  /** The metadata as JSON text, or null when there is none. */
  public String metadataJson() {
    return metadataJson;
  }

  public boolean isEmpty() {
    return sessionId == null && userId == null && metadata.isEmpty() && tags.isEmpty();
  }

  /** Starts from the attributes current when it was made. */
  public static final class Builder {
    private String sessionId;
    private String userId;
    private final Map<String, Object> metadata;
    private final List<String> tags;

    private Builder(ContextAttributes outer) {
      this.sessionId = outer.sessionId;
      this.userId = outer.userId;
      this.metadata = new LinkedHashMap<>(outer.metadata);
      this.tags = new ArrayList<>(outer.tags);
    }

    public Builder setSessionId(String value) {
      if (value != null) sessionId = value;
      return this;
    }

    public Builder setUserId(String value) {
      if (value != null) userId = value;
      return this;
    }

    public Builder putMetadata(String key, Object value) {
      if (key != null) metadata.put(key, value);
      return this;
    }

    public Builder putAllMetadata(Map<String, ?> values) {
      if (values != null) values.forEach(this::putMetadata);
      return this;
    }

    public Builder addTag(String tag) {
      if (tag != null && !tags.contains(tag)) tags.add(tag);
      return this;
    }

    public ContextAttributes build() {
      return new ContextAttributes(sessionId, userId, metadata, tags);
    }
  }
}
