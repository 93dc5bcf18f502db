/**
 * JMH benchmarks of the tagger: {@link eu.sectoralerts.benchmarks.TaggerBenchmark} compares the
 * compiled taxonomy tagger with a naive one-regex-per-keyword tagger on generated items, and {@link
 * eu.sectoralerts.benchmarks.BenchmarkMain} runs it and prints both figures and their ratio.
 */
package eu.sectoralerts.benchmarks;
