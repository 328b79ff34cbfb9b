package dev.arbor.model.pricing;

import com.google.re2j.Pattern;
import dev.arbor.model.Span;
import dev.arbor.model.SpanCost;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every price Arbor knows, and the rule that picks one for a span. Candidates are the prices whose pattern
 * matches the span's model name (or, failing that, the part after its last {@code /}, as in
 * {@code openai/gpt-4o}), whose provider is the span's (or either is unknown), and whose project is the
 * span's or global. The most specific wins, in this order: a project's own price; one set by people over a
 * bundled one; the provider named and equal; the whole name matched; the longer pattern; the earlier entry.
 * Immutable; look-ups are cached, as a span's model is matched against every pattern otherwise.
 */
public final class PriceBook {
  private static final int CACHE_LIMIT = 10_000;

  private final List<Entry> entries;
  private final Map<String, Optional<ModelPrice>> cache = new ConcurrentHashMap<>();

  private record Entry(int order, ModelPrice price, Pattern pattern) {}

  private record Candidate(Entry entry, boolean providerEqual, boolean wholeName) {}

  private static final Comparator<Candidate> SPECIFICITY = Comparator
      .comparing((Candidate c) -> c.entry.price.project() != null)
      .thenComparing(c -> c.entry.price.source() != PriceSource.BUNDLED)
      .thenComparing(c -> c.entry.price.source() == PriceSource.CUSTOM)
      .thenComparing(Candidate::providerEqual)
      .thenComparing(Candidate::wholeName)
      .thenComparingInt(c -> c.entry.price.pattern().length())
      .thenComparing(Comparator.comparingInt((Candidate c) -> c.entry.order).reversed());

  private PriceBook(List<ModelPrice> prices) {
    List<Entry> list = new ArrayList<>(prices.size());
    for (ModelPrice price : prices) {
      list.add(new Entry(list.size(), price, ModelPrice.compile(price.pattern())));
    }
    this.entries = List.copyOf(list);
  }

  public static PriceBook of(List<ModelPrice> prices) {
    return new PriceBook(prices);
  }

  public List<ModelPrice> prices() {
    return entries.stream().map(Entry::price).toList();
  }

  /** The price for a model of a provider in a project, if any matches. */
  public Optional<ModelPrice> find(String project, String provider, String modelName) {
    if (modelName == null || modelName.isBlank()) {
      return Optional.empty();
    }
    String key = project + '\u0000' + provider + '\u0000' + modelName;
    Optional<ModelPrice> found = cache.get(key);
    if (found == null) {
      if (cache.size() >= CACHE_LIMIT) {
        cache.clear();
      }
      found = match(project, Providers.canonical(provider), modelName.trim());
      cache.put(key, found);
    }
    return found;
  }

  private Optional<ModelPrice> match(String project, String provider, String model) {
    int slash = model.lastIndexOf('/');
    String shortName = slash >= 0 ? model.substring(slash + 1) : null;
    Candidate best = null;
    for (Entry e : entries) {
      ModelPrice p = e.price;
      if (p.project() != null && !p.project().equals(project)) {
        continue;
      }
      if (p.provider() != null && provider != null && !p.provider().equals(provider)) {
        continue;
      }
      boolean whole = e.pattern.matcher(model).matches();
      if (!whole && (shortName == null || !e.pattern.matcher(shortName).matches())) {
        continue;
      }
      Candidate c = new Candidate(e, p.provider() != null && p.provider().equals(provider), whole);
      if (best == null || SPECIFICITY.compare(c, best) > 0) {
        best = c;
      }
    }
    return Optional.ofNullable(best).map(c -> c.entry.price);
  }

  /** The span with its cost: priced by the matching price, or {@link SpanCost#NONE} when none matches. */
  public Span price(Span span) {
    if (!span.llm().tokens().hasPriceableCounts()) {
      return span.cost().isPriced() ? span.toBuilder().cost(SpanCost.NONE).build() : span;
    }
    SpanCost cost = find(span.project(), span.llm().provider(), span.llm().modelName())
        .map(p -> p.prices().cost(span.llm().tokens()))
        .orElse(SpanCost.NONE);
    return span.toBuilder().cost(cost).build();
  }

  /**
   * A digest of every price and its rank: stored with the costs it produced, so that a start with a different
   * book (a new release's bundled list, an edited price file) knows the stored costs need recomputing.
   */
  public String fingerprint() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Entry e : entries) {
        ModelPrice p = e.price;
        digest.update((p.project() + "|" + p.provider() + "|" + p.pattern() + "|" + p.source() + "|" + p.prices()
            + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
