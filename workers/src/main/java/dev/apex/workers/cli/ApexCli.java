package dev.apex.workers.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code apex} command: one entry point for evaluations, workers, models and reports. */
@Command(
    name = "apex",
    mixinStandardHelpOptions = true,
    // --help and --version on every subcommand too: the error hints point there.
    scope = CommandLine.ScopeType.INHERIT,
    version = "apex 0.1.0",
    description = "Multi-agent LLM evaluations on software-engineering tasks, on Temporal.",
    subcommands = {
      EvalCommand.class,
      WorkersCommand.class,
      ModelCommand.class,
      ReportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ApexCli {

  private ApexCli() {}

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(ApexCli.class);
    cli.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println("apex: " + e.getMessage());
      e.getCommandLine()
          .getErr()
          .println("hint: ./" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
      return 2;
    });
    System.exit(cli.execute(args));
  }
}
