package dev.arbor.store;

/**
 * What a group of spans (a trace, a session, a project over a time range) cost: {@code cost} is the sum of its
 * priced spans in US dollars ({@code null} when none is priced), {@code unpricedSpans} how many spans reported
 * tokens but have no price, so that a partial sum is shown as such and never as the whole.
 */
public record CostTotal(Double cost, long unpricedSpans) {
  public static final CostTotal NONE = new CostTotal(null, 0);

  public CostTotal plus(CostTotal other) {
    Double sum = cost == null ? other.cost : other.cost == null ? cost : Double.valueOf(cost + other.cost);
    return new CostTotal(sum, unpricedSpans + other.unpricedSpans);
  }
}
