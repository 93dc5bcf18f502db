/**
 * Measuring the tagger against hand-made labels: {@link eu.sectoralerts.app.eval.Evaluation} tags
 * the labelled items of briefings and scores them ({@link eu.sectoralerts.app.eval.SetScore} micro
 * precision, recall and F1; {@link eu.sectoralerts.app.eval.Accuracy}); {@link
 * eu.sectoralerts.app.eval.ReportPrinter} prints the result for people or machines.
 */
package eu.sectoralerts.app.eval;
