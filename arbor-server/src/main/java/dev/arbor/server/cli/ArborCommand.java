package dev.arbor.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code arbor}: the entry point of the jar. */
@Command(name = "arbor", mixinStandardHelpOptions = true, version = "Arbor " + dev.arbor.server.Version.ARBOR,
    description = "Self-hosted LLM observability server.")
public final class ArborCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with every subcommand, for {@code main} and tests. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new ArborCommand());
    commandLine.addSubcommand("serve", ServeCommand.commandLine());
    commandLine.addSubcommand("audit", new CommandLine(new AuditCommand()));
    return commandLine;
  }
}
