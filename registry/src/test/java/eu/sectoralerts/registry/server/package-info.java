/** Tests of the schema registry server: rules, store, HTTP protocol, and other clients. */
package eu.sectoralerts.registry.server;
