package dev.arbor.model.pricing;

/** Where a price came from; a price set by people (a file given at start, the API) beats the bundled list. */
public enum PriceSource {
  BUNDLED,
  FILE,
  CUSTOM
}
