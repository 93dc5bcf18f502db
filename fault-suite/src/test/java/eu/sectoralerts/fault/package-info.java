/**
 * The fault suite: the pipeline under crashes ({@code kill -9} of enrich-streams and alert-service
 * running as JVMs of their own), a broker stopped mid-flow, poison input, webhook endpoints that
 * are down, slow or refusing, and callers without the right key. Every case writes what it tried
 * and what it found to {@link eu.sectoralerts.fault.FaultReport}, which ends the run with a summary
 * table in {@code target/fault-report.md}.
 */
package eu.sectoralerts.fault;
