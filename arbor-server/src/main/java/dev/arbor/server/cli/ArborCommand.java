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
    CommandLine commandLine = new CommandLine(new ArborCommand());
    commandLine.addSubcommand("serve", ServeCommand.commandLine());
    System.exit(commandLine.execute(args));
  }
}
