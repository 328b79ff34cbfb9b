package dev.arbor.server.cli;

import dev.arbor.server.ArborServer;
import dev.arbor.server.config.ArborConfig;
import dev.arbor.server.config.ConfigException;
import dev.arbor.server.config.ConfigResolver;
import dev.arbor.server.config.Setting;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code arbor serve}: starts Arbor in the foreground until it is signalled. Every {@link Setting} is a
 * flag; its environment variables and default are listed by {@code --help}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Start Arbor on its store, in the foreground. Flags win over environment variables.")
final class ServeCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandSpec spec;

  private final Map<Setting, String> flags = new EnumMap<>(Setting.class);

  ServeCommand() {}

  /** Adds one option per setting, so that the table in {@link Setting} is the only list of them. */
  static CommandLine commandLine() {
    ServeCommand command = new ServeCommand();
    CommandSpec spec = CommandSpec.forAnnotatedObject(command);
    for (Setting setting : Setting.ALL) {
      spec.addOption(OptionSpec.builder(setting.flag())
          .paramLabel("<value>")
          .type(String.class)
          .description(setting.description() + " Env: " + String.join(", ", setting.variables())
              + ". Default: " + (setting.defaultValue().isEmpty() ? "(empty)" : setting.defaultValue()) + ".")
          .setter(new CommandLine.Model.ISetter() {
            @Override
            public <T> T set(T value) {
              command.flags.put(setting, (String) value);
              return null;
            }
          })
          .build());
    }
    return new CommandLine(spec);
  }

  @Override
  public Integer call() {
    ArborConfig config;
    try {
      config = ConfigResolver.resolve(flags, System.getenv());
    } catch (ConfigException e) {
      System.err.println("arbor: bad setting: " + e.getMessage());
      return 2;
    }
    ArborServer server;
    try {
      server = ArborServer.start(config);
    } catch (RuntimeException e) {
      System.err.println("arbor: cannot start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "arbor-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
