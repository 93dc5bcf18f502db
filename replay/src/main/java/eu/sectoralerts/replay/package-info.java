/**
 * Backtests of a taxonomy or watchlist change: {@link eu.sectoralerts.replay.ReplayEngine} reads
 * the items topic for a time range, tags every item with the live and with a candidate taxonomy
 * (enrich-streams' tagger), matches both against one set of watchlists (the matcher's {@code
 * WatchlistIndex}) and writes, only into the run's own directory, a {@link
 * eu.sectoralerts.replay.ReplayReport} of the alerts that would appear or disappear.
 */
package eu.sectoralerts.replay;
