package eu.sectoralerts.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Commands announced in {@code --help} that are not available in this version: each says so and
 * exits with status 2, so a script calling one fails loudly instead of doing nothing.
 */
abstract class PlannedCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine()
        .getErr()
        .println(
            "'"
                + spec.name()
                + "' is planned and not available in this version of sector-alerts yet.");
    return 2;
  }

  @Command(
      name = "replay",
      description = "(planned) Replay item history to backtest a taxonomy or watchlist change.")
  static final class Replay extends PlannedCommand {}

  @Command(
      name = "bench",
      description = "(planned) Measure the whole pipeline's throughput and latency.")
  static final class Bench extends PlannedCommand {}
}
