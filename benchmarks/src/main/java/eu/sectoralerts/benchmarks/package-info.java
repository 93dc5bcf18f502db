/**
 * JMH benchmarks: {@link eu.sectoralerts.benchmarks.TaggerBenchmark} compares the compiled taxonomy
 * tagger with a naive one-regex-per-keyword tagger on generated items; {@link
 * eu.sectoralerts.benchmarks.WatchlistMatcherBenchmark} compares the monitor-backed watchlist index
 * with a linear scan on generated watchlists and tagged items; {@link
 * eu.sectoralerts.benchmarks.BenchmarkMain} runs them and prints the figures against the targets.
 */
package eu.sectoralerts.benchmarks;
