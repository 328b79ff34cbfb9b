package dev.arbor.server.config;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.arbor.model.pricing.ModelPrice;
import dev.arbor.model.pricing.PriceList;
import dev.arbor.model.pricing.PriceSource;
import dev.arbor.model.redaction.RedactionRule;
import dev.arbor.server.redaction.RedactionFile;
import dev.arbor.store.postgres.PostgresSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves each {@link Setting} from a flag, else its first environment variable that is set, else its
 * default, and checks it. A bad value stops start-up with an error naming the flag or variable it came from.
 */
public final class ConfigResolver {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|KIB|MB|MIB|GB|GIB)?");

  private final Map<Setting, String> flags;
  private final Map<String, String> environment;

  private ConfigResolver(Map<Setting, String> flags, Map<String, String> environment) {
    this.flags = flags;
    this.environment = environment;
  }

  public static ArborConfig resolve(Map<Setting, String> flags, Map<String, String> environment) {
    return new ConfigResolver(flags, environment).resolve();
  }

  private ArborConfig resolve() {
    Path workingDir = path(Setting.WORKING_DIR);
    String host = host();
    AuthConfig auth = auth(host);
    return new ArborConfig(
        host,
        port(Setting.PORT),
        port(Setting.GRPC_PORT),
        workingDir,
        store(workingDir),
        size(Setting.MAX_REQUEST_SIZE, 1024, 2L << 30),
        size(Setting.INGEST_QUEUE_SIZE, 1L << 20, 64L << 30),
        (int) number(Setting.INGEST_BATCH_SPANS, 1, 100_000),
        (int) number(Setting.MAX_ATTRIBUTE_CHARS, 1024, 64L << 20),
        prices(),
        (int) number(Setting.ALERT_INTERVAL, 5, 3600),
        redactionRules(),
        auth,
        (int) number(Setting.RETENTION_INTERVAL, 1, 7 * 24 * 3600));
  }

  /**
   * Access control; off is refused when the server would listen beyond this machine, unless that is asked for
   * explicitly: anyone who reached the port could read every prompt and delete every trace.
   */
  private AuthConfig auth(String host) {
    boolean enabled = bool(Setting.AUTH_ENABLED);
    if (!enabled && !bool(Setting.ALLOW_UNAUTHENTICATED) && !isLoopback(host)) {
      throw bad(raw(Setting.HOST), "listening beyond this machine needs access control: set ARBOR_AUTH_ENABLED=true"
          + " (see the README, 'Running Arbor for a team'), or ARBOR_ALLOW_UNAUTHENTICATED=true to let anyone who"
          + " reaches the port read and change everything");
    }
    String[] username = raw(Setting.ADMIN_USERNAME);
    if (!username[0].matches(NAME)) {
      throw bad(username, "must be 1 to 64 letters, digits, '.', '_', '-' or '@'");
    }
    String password = raw(Setting.ADMIN_PASSWORD)[0];
    if (!password.isEmpty()) {
      String problem = PASSWORD_RULE.apply(password);
      if (problem != null) {
        // Never echo the password itself.
        throw new ConfigException(raw(Setting.ADMIN_PASSWORD)[1] + ": " + problem);
      }
    }
    String[] privateWebhooks = raw(Setting.WEBHOOK_PRIVATE_ADDRESSES);
    boolean webhooksToPrivate = switch (privateWebhooks[0].toLowerCase(Locale.ROOT)) {
      case "auto" -> !enabled;
      case "true" -> true;
      case "false" -> false;
      default -> throw bad(privateWebhooks, "must be auto, true or false");
    };
    return new AuthConfig(enabled, username[0], password, (int) number(Setting.SESSION_HOURS, 1, 24 * 90),
        webhooksToPrivate);
  }

  /** A user name as the access API accepts it. */
  public static final String NAME = "[A-Za-z0-9._@-]{1,64}";

  /** Checks a password; null when it is acceptable, else what is wrong with it. */
  public static final java.util.function.Function<String, String> PASSWORD_RULE = password -> {
    if (password.length() < 12) {
      return "a password must have at least 12 characters";
    }
    if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
      return "a password must fit in 72 bytes of UTF-8 (bcrypt reads no further)";
    }
    return null;
  };

  private static boolean isLoopback(String host) {
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private boolean bool(Setting setting) {
    String[] raw = raw(setting);
    if (raw[0].equalsIgnoreCase("true")) {
      return true;
    }
    if (raw[0].equalsIgnoreCase("false")) {
      return false;
    }
    throw bad(raw, "must be true or false");
  }

  /** The rules of the redaction file given at start; any mistake fails the start, with the rule named. */
  private List<RedactionRule> redactionRules() {
    String[] raw = raw(Setting.REDACTION_FILE);
    if (raw[0].isEmpty()) {
      return List.of();
    }
    Path file = path(Setting.REDACTION_FILE);
    try {
      return RedactionFile.parse(new YAMLMapper().readTree(file.toFile()));
    } catch (java.io.IOException e) {
      throw bad(raw, "cannot read the redaction file: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw bad(raw, e.getMessage());
    }
  }

  /** The prices of the file given at start; any mistake fails the start, with the file and the entry named. */
  private List<ModelPrice> prices() {
    String[] raw = raw(Setting.PRICES_FILE);
    if (raw[0].isEmpty()) {
      return List.of();
    }
    Path file = path(Setting.PRICES_FILE);
    try {
      return PriceList.parse(new YAMLMapper().readTree(file.toFile()), PriceSource.FILE);
    } catch (java.io.IOException e) {
      throw bad(raw, "cannot read the price file: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw bad(raw, e.getMessage());
    }
  }

  /** The value and where it came from ("--port" or "ARBOR_PORT"), or the default. */
  private String[] raw(Setting setting) {
    String flag = flags.get(setting);
    if (flag != null) {
      return new String[] {flag.strip(), setting.flag()};
    }
    for (String variable : setting.variables()) {
      String value = environment.get(variable);
      if (value != null && !value.isBlank()) {
        return new String[] {value.strip(), variable};
      }
    }
    return new String[] {setting.defaultValue(), setting.flag() + " (default)"};
  }

  private static ConfigException bad(String[] raw, String rule) {
    return new ConfigException(raw[1] + "=" + raw[0] + ": " + rule);
  }

  private String host() {
    String[] raw = raw(Setting.HOST);
    if (raw[0].isEmpty() || raw[0].contains("/") || raw[0].contains(" ")) {
      throw bad(raw, "host must be an address or host name such as 127.0.0.1");
    }
    return raw[0];
  }

  private int port(Setting setting) {
    return (int) number(setting, 1, 65535);
  }

  private long number(Setting setting, long min, long max) {
    String[] raw = raw(setting);
    try {
      long value = Long.parseLong(raw[0]);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw bad(raw, "must be a whole number between " + min + " and " + max);
  }

  private long size(Setting setting, long min, long max) {
    String[] raw = raw(setting);
    Matcher m = SIZE.matcher(raw[0].toUpperCase(Locale.ROOT));
    if (m.matches()) {
      long unit = switch (m.group(2) == null ? "B" : m.group(2)) {
        case "KB" -> 1000L;
        case "KIB" -> 1L << 10;
        case "MB" -> 1000L * 1000;
        case "MIB" -> 1L << 20;
        case "GB" -> 1000L * 1000 * 1000;
        case "GIB" -> 1L << 30;
        default -> 1L;
      };
      try {
        long value = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        if (value >= min && value <= max) {
          return value;
        }
      } catch (ArithmeticException | NumberFormatException ignored) {
        // reported below
      }
    }
    throw bad(raw, "must be a size between " + min + " and " + max + " bytes, such as 64MiB");
  }

  private Path path(Setting setting) {
    String[] raw = raw(setting);
    String value = raw[0];
    if (value.isEmpty()) {
      throw bad(raw, "must be a directory path");
    }
    if (value.equals("~") || value.startsWith("~/")) {
      value = System.getProperty("user.home") + value.substring(1);
    }
    try {
      return Path.of(value).toAbsolutePath().normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw bad(raw, "not a valid path: " + e.getReason());
    }
  }

  private StoreConfig store(Path workingDir) {
    String[] raw = raw(Setting.DATABASE_URL);
    String url = raw[0];
    // Never echo a password: errors show only the URL's scheme.
    int schemeEnd = url.indexOf(':');
    raw = new String[] {(schemeEnd < 0 ? "" : url.substring(0, schemeEnd + 1)) + "…", raw[1]};
    if (url.isEmpty()) {
      return new StoreConfig.DuckDb(workingDir.resolve("arbor.duckdb"), checkpointThreshold(), rollupAttribute());
    }
    if (url.startsWith("duckdb:")) {
      String file = url.substring("duckdb:".length());
      if (file.isBlank()) {
        throw bad(raw, "duckdb: must be followed by a file path");
      }
      try {
        return new StoreConfig.DuckDb(workingDir.resolve(file).toAbsolutePath().normalize(), checkpointThreshold(),
            rollupAttribute());
      } catch (java.nio.file.InvalidPathException e) {
        throw bad(raw, "not a valid path: " + e.getReason());
      }
    }
    if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
      String schema = schema();
      int poolSize = (int) number(Setting.DATABASE_POOL_SIZE, 1, 1000);
      try {
        return new StoreConfig.Postgres(PostgresSettings.fromUrl(url, schema, poolSize), rollupAttribute());
      } catch (IllegalArgumentException e) {
        throw bad(raw, e.getMessage());
      }
    }
    throw bad(raw, "must be empty (embedded DuckDB), duckdb:<file> or postgresql://user:password@host:5432/database");
  }

  private String schema() {
    String[] raw = raw(Setting.DATABASE_SCHEMA);
    if (!raw[0].matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
      throw bad(raw, "must be a plain SQL name: letters, digits and _, not starting with a digit");
    }
    return raw[0];
  }

  /** The attribute the rollups keep; {@code none} (or an empty flag) for none. */
  private String rollupAttribute() {
    String[] raw = raw(Setting.ROLLUP_ATTRIBUTE);
    if (raw[0].length() > 256) {
      throw bad(raw, "must be an attribute key of at most 256 characters, such as agent.name, or none");
    }
    if (raw[0].equals("input.value") || raw[0].equals("output.value")) {
      throw bad(raw, "cannot be " + raw[0] + ": it is stored in a column of its own (pick an attribute with few values,"
          + " such as agent.name)");
    }
    return raw[0].isEmpty() || raw[0].equals("none") ? null : raw[0];
  }

  private String checkpointThreshold() {
    String[] raw = raw(Setting.DUCKDB_CHECKPOINT_THRESHOLD);
    if (!raw[0].matches("(?i)\\d+\\s*(B|KB|MB|GB|KiB|MiB|GiB)")) {
      throw bad(raw, "must be a size such as 256MB");
    }
    return raw[0].toUpperCase(java.util.Locale.ROOT).replace("IB", "iB");
  }
}
