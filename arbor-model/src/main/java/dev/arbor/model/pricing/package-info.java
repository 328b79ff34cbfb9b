/**
 * Token prices and what a call costs: a {@link dev.arbor.model.pricing.PriceBook} of
 * {@link dev.arbor.model.pricing.ModelPrice}s (the bundled list, a file given at start, prices set through the
 * API) picks the most specific price for a span's provider and model, and
 * {@link dev.arbor.model.pricing.TokenPrices#cost} prices each token type at its own rate.
 */
package dev.arbor.model.pricing;
