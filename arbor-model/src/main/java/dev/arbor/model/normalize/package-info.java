/**
 * Raw attributes to canonical {@link dev.arbor.model.LlmFields}: one {@link Convention} per semantic
 * convention, each a small table of keys, applied in order by {@link SpanNormalizer}.
 */
package dev.arbor.model.normalize;
