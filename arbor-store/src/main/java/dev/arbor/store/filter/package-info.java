/**
 * The filter language: Phoenix's Python-syntax span filters, parsed once into a typed {@link
 * dev.arbor.store.filter.Expr} tree, evaluated by {@link dev.arbor.store.filter.FilterEvaluator} (the
 * reference meaning) and compiled to SQL by each store.
 */
package dev.arbor.store.filter;
