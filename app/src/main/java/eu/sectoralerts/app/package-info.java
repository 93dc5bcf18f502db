/**
 * The {@code sector-alerts} command line. {@link eu.sectoralerts.app.Pipeline} runs the schema
 * registry and every service in one JVM, on an in-process broker (the embedded default of {@code
 * up}) or on an existing cluster; the commands in {@link eu.sectoralerts.app.Main} drive it.
 */
package eu.sectoralerts.app;
