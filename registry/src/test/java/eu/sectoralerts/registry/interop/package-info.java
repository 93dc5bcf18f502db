/**
 * Tests of the schema registry client against other implementations of Confluent's REST API (here
 * Apicurio Registry's {@code ccompat} API), so the client is not only proven against our own
 * server.
 */
package eu.sectoralerts.registry.interop;
