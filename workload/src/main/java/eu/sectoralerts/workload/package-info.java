/**
 * Generated input that reads like the real thing, written for measuring: news items (plain for the
 * tagger, tagged for the matchers) and subscribers' watchlists with a realistic mix of criteria.
 * The same seed always gives the same items and watchlists.
 */
package eu.sectoralerts.workload;
