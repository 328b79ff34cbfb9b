/** Load generators and benchmarks; run by hand, results in BENCHMARKS.md. */
package dev.arbor.bench;
