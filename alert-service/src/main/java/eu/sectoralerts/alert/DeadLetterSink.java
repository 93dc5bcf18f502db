package eu.sectoralerts.alert;

import eu.sectoralerts.avro.DeadLetter;

/**
 * Where the global tables' updaters send the dead letters of records they cannot use: a global
 * store's processor has no output of its own to forward them to. Must not block for long (it runs
 * on the global stream thread) and must not throw.
 */
@FunctionalInterface
interface DeadLetterSink {

  void send(DeadLetter letter);
}
