package eu.sectoralerts.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code sector-alerts} command. Each subcommand is a class of this package;
 * exit codes: 0 success, 1 failure at run time, 2 bad usage.
 */
@Command(
    name = "sector-alerts",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Tags Chinese policy and corporate news by sector and risk to European firms,",
      "and alerts subscribers whose watchlists match.",
      ""
    },
    commandListHeading = "%nCommands:%n",
    footer = {
      "",
      "Commands marked (planned) are announced and not available yet.",
      "Run 'sector-alerts COMMAND --help' for a command's options."
    },
    subcommands = {
      UpCommand.class,
      StatusCommand.class,
      ImportCommand.class,
      SubscribersCommand.class,
      TagCommand.class,
      EvalCommand.class,
      ReplayCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (for tests and {@link #main}). */
  public static int run(String... args) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parseResult) -> {
          cmd.getErr().println(cmd.getColorScheme().errorText("Error: " + e.getMessage()));
          return 1;
        });
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Version from the jar's manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"sector-alerts " + (version == null ? "development" : version)};
    }
  }
}
