/**
 * Turning a whole briefing document into news items: {@link
 * eu.sectoralerts.ingest.briefing.BriefingParser} segments a monthly briefing (top stories, dated
 * policy and corporate bullets) or a policy overview into {@code NewsItem}s with deterministic ids.
 */
package eu.sectoralerts.ingest.briefing;
