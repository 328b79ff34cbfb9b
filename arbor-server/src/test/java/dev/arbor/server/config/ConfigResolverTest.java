package dev.arbor.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbor.model.pricing.ModelPrice;
import dev.arbor.model.pricing.PriceSource;
import dev.arbor.model.pricing.TokenPrices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigResolverTest {

  private static ArborConfig resolve(Map<Setting, String> flags, Map<String, String> env) {
    return ConfigResolver.resolve(flags, env);
  }

  @Test
  void defaults_loopbackPhoenixPortsAndDuckDbInTheWorkingDir() {
    ArborConfig config = resolve(Map.of(), Map.of());

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(6006);
    assertThat(config.grpcPort()).isEqualTo(4317);
    assertThat(config.workingDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".arbor"));
    assertThat(config.store()).isEqualTo(new StoreConfig.DuckDb(config.workingDir().resolve("arbor.duckdb"), "256MB"));
    assertThat(config.maxRequestBytes()).isEqualTo(64L << 20);
  }

  @Test
  void phoenixVariables_areAliases_arborNamesWin_flagsWinOverAll() {
    assertThat(resolve(Map.of(), Map.of("PHOENIX_PORT", "7000")).port()).isEqualTo(7000);
    assertThat(resolve(Map.of(), Map.of("PHOENIX_PORT", "7000", "ARBOR_PORT", "7001")).port()).isEqualTo(7001);
    assertThat(resolve(Map.of(Setting.PORT, "7002"), Map.of("ARBOR_PORT", "7001")).port()).isEqualTo(7002);
    assertThat(resolve(Map.of(), Map.of("PHOENIX_GRPC_PORT", "5317")).grpcPort()).isEqualTo(5317);
    assertThat(resolve(Map.of(), Map.of("PHOENIX_HOST", "0.0.0.0", "PHOENIX_ENABLE_AUTH", "true")).host())
        .isEqualTo("0.0.0.0");
    assertThat(resolve(Map.of(), Map.of("PHOENIX_WORKING_DIR", "/srv/phoenix")).workingDir())
        .isEqualTo(Path.of("/srv/phoenix"));
    assertThat(resolve(Map.of(), Map.of("PHOENIX_SQL_DATABASE_URL", "duckdb:/data/a.duckdb")).store())
        .isEqualTo(new StoreConfig.DuckDb(Path.of("/data/a.duckdb"), "256MB"));
  }

  @Test
  void listeningBeyondLoopback_needsAccessControl_orAnExplicitYes() {
    assertThatThrownBy(() -> resolve(Map.of(Setting.HOST, "0.0.0.0"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--host=0.0.0.0").hasMessageContaining("ARBOR_AUTH_ENABLED=true")
        .hasMessageContaining("ARBOR_ALLOW_UNAUTHENTICATED=true");
    assertThat(resolve(Map.of(Setting.HOST, "0.0.0.0"), Map.of("ARBOR_ALLOW_UNAUTHENTICATED", "true")).auth()
        .enabled()).isFalse();
    assertThat(resolve(Map.of(Setting.HOST, "0.0.0.0"), Map.of("ARBOR_AUTH_ENABLED", "true")).auth().enabled())
        .isTrue();
    assertThat(resolve(Map.of(Setting.HOST, "::1"), Map.of()).auth().enabled()).isFalse();
    assertThat(resolve(Map.of(Setting.HOST, "localhost"), Map.of()).auth().enabled()).isFalse();
    assertThatThrownBy(() -> resolve(Map.of(), Map.of("ARBOR_AUTH_ENABLED", "yes")))
        .hasMessageContaining("ARBOR_AUTH_ENABLED=yes: must be true or false");
  }

  @Test
  void webhooksToPrivateAddresses_followAccessControl_unlessSaid() {
    assertThat(resolve(Map.of(), Map.of()).auth().webhooksToPrivateAddresses()).isTrue();
    assertThat(resolve(Map.of(), Map.of("ARBOR_AUTH_ENABLED", "true")).auth().webhooksToPrivateAddresses()).isFalse();
    assertThat(resolve(Map.of(), Map.of("ARBOR_AUTH_ENABLED", "true", "ARBOR_WEBHOOK_PRIVATE_ADDRESSES", "true"))
        .auth().webhooksToPrivateAddresses()).isTrue();
    assertThatThrownBy(() -> resolve(Map.of(), Map.of("ARBOR_WEBHOOK_PRIVATE_ADDRESSES", "maybe")))
        .hasMessageContaining("must be auto, true or false");
  }

  @Test
  void theFirstAdminsPassword_isChecked_andNeverEchoed() {
    assertThatThrownBy(() -> resolve(Map.of(), Map.of("ARBOR_AUTH_ENABLED", "true", "ARBOR_ADMIN_PASSWORD",
        "short-pw"))).isInstanceOf(ConfigException.class).hasMessageContaining("ARBOR_ADMIN_PASSWORD")
        .hasMessageContaining("at least 12 characters").hasMessageNotContaining("short-pw");
    ArborConfig config = resolve(Map.of(), Map.of("ARBOR_AUTH_ENABLED", "true",
        "PHOENIX_DEFAULT_ADMIN_INITIAL_PASSWORD", "a-long-enough-secret"));
    assertThat(config.auth().adminPassword()).isEqualTo("a-long-enough-secret");
    assertThat(config.toString()).doesNotContain("a-long-enough-secret");
  }

  @Test
  void rollupAttribute_agentNameUnlessSet_noneForNone_andOnEveryStore() {
    assertThat(resolve(Map.of(), Map.of()).store().rollupAttribute()).isEqualTo("agent.name");
    assertThat(resolve(Map.of(), Map.of("ARBOR_ROLLUP_ATTRIBUTE", "gen_ai.agent.name")).store().rollupAttribute())
        .isEqualTo("gen_ai.agent.name");
    assertThat(resolve(Map.of(Setting.ROLLUP_ATTRIBUTE, "none"), Map.of()).store().rollupAttribute()).isNull();
    assertThat(resolve(Map.of(Setting.ROLLUP_ATTRIBUTE, ""), Map.of()).store().rollupAttribute()).isNull();
    assertThat(resolve(Map.of(Setting.ROLLUP_ATTRIBUTE, "team"),
        Map.of("ARBOR_DATABASE_URL", "postgresql://u:p@h/db")).store().rollupAttribute()).isEqualTo("team");
    assertThatThrownBy(() -> resolve(Map.of(Setting.ROLLUP_ATTRIBUTE, "k".repeat(257)), Map.of()))
        .hasMessageContaining("--rollup-attribute").hasMessageContaining("at most 256 characters");
    assertThatThrownBy(() -> resolve(Map.of(), Map.of("ARBOR_ROLLUP_ATTRIBUTE", "input.value")))
        .hasMessageContaining("ARBOR_ROLLUP_ATTRIBUTE").hasMessageContaining("column of its own");
  }

  @Test
  void checkpointThreshold_anyCase() {
    assertThat(resolve(Map.of(Setting.DUCKDB_CHECKPOINT_THRESHOLD, "1gb"), Map.of()).store())
        .isEqualTo(new StoreConfig.DuckDb(Path.of(System.getProperty("user.home"), ".arbor", "arbor.duckdb"), "1GB"));
  }

  @Test
  void postgresUrl_phoenixVariables_becomeJdbcSettings_withSchemaAndPool() {
    ArborConfig config = resolve(Map.of(), Map.of(
        "PHOENIX_SQL_DATABASE_URL", "postgresql://arbor:s%40cret@db.internal:5433/phoenix?sslmode=require",
        "PHOENIX_SQL_DATABASE_SCHEMA", "observability", "ARBOR_DATABASE_POOL_SIZE", "24"));

    assertThat(config.store()).isInstanceOfSatisfying(StoreConfig.Postgres.class, pg -> {
      assertThat(pg.settings().jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/phoenix?sslmode=require");
      assertThat(pg.settings().user()).isEqualTo("arbor");
      assertThat(pg.settings().password()).isEqualTo("s@cret");
      assertThat(pg.settings().schema()).isEqualTo("observability");
      assertThat(pg.settings().poolSize()).isEqualTo(24);
      assertThat(pg.describe()).doesNotContain("cret");
      assertThat(pg.settings().toString()).doesNotContain("cret");
    });
    assertThat(resolve(Map.of(), Map.of("ARBOR_DATABASE_URL", "postgres://h/db")).store())
        .isInstanceOfSatisfying(StoreConfig.Postgres.class, pg -> {
          assertThat(pg.settings().jdbcUrl()).isEqualTo("jdbc:postgresql://h/db");
          assertThat(pg.settings().schema()).isEqualTo("public");
          assertThat(pg.settings().poolSize()).isEqualTo(10);
        });
  }

  @Test
  void sizes_acceptUnits() {
    assertThat(resolve(Map.of(Setting.MAX_REQUEST_SIZE, "8MiB"), Map.of()).maxRequestBytes()).isEqualTo(8L << 20);
    assertThat(resolve(Map.of(Setting.INGEST_QUEUE_SIZE, "2gb"), Map.of()).ingestQueueBytes()).isEqualTo(2_000_000_000L);
  }

  @Test
  void badValues_stopStartUpNamingTheirSource() {
    assertThatThrownBy(() -> resolve(Map.of(), Map.of("PHOENIX_PORT", "abc")))
        .isInstanceOf(ConfigException.class).hasMessage("PHOENIX_PORT=abc: must be a whole number between 1 and 65535");
    assertThatThrownBy(() -> resolve(Map.of(Setting.GRPC_PORT, "70000"), Map.of()))
        .hasMessageStartingWith("--grpc-port=70000: ");
    assertThatThrownBy(() -> resolve(Map.of(), Map.of("ARBOR_MAX_REQUEST_SIZE", "lots")))
        .hasMessageStartingWith("ARBOR_MAX_REQUEST_SIZE=lots: must be a size");
    assertThatThrownBy(() -> resolve(Map.of(), Map.of("ARBOR_DATABASE_URL", "mysql://x")))
        .hasMessageStartingWith("ARBOR_DATABASE_URL=mysql:…: ");
    assertThatThrownBy(() -> resolve(Map.of(), Map.of("PHOENIX_SQL_DATABASE_URL", "postgresql://u:secret@/db")))
        .hasMessageStartingWith("PHOENIX_SQL_DATABASE_URL=postgresql:…: must name a host")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> resolve(Map.of(), Map.of("ARBOR_DATABASE_URL", "postgresql://h/db",
        "ARBOR_DATABASE_SCHEMA", "x; DROP TABLE spans")))
        .hasMessageStartingWith("ARBOR_DATABASE_SCHEMA=x; DROP TABLE spans: must be a plain SQL name");
    assertThatThrownBy(() -> resolve(Map.of(Setting.DATABASE_POOL_SIZE, "0"), Map.of("ARBOR_DATABASE_URL",
        "postgresql://h/db"))).hasMessageStartingWith("--database-pool-size=0: must be a whole number");
    assertThatThrownBy(() -> resolve(Map.of(), Map.of("ARBOR_DATABASE_URL", "jdbc:x://h/db?password=secret")))
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> resolve(Map.of(Setting.WORKING_DIR, "bad\0path"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("--working-dir=");
  }

  @Test
  void pricesFile_yamlOrJson_isReadAtStart(@TempDir Path dir) throws Exception {
    Path yaml = Files.writeString(dir.resolve("prices.yaml"), """
        prices_as_of: 2026-10-01
        models:
          - name: ft:gpt-4o-mini:acme
            provider: openai
            input: 0.3
            output: 1.2
            cache_read: 0.15
          - name: in-house-llm
            project: support
            input: 1
            output: 4
        """);
    Path json = Files.writeString(dir.resolve("prices.json"), "[{\"name\": \"m\", \"input\": 1, \"output\": 2}]");

    List<ModelPrice> fromYaml = resolve(Map.of(Setting.PRICES_FILE, yaml.toString()), Map.of()).prices();
    List<ModelPrice> fromJson = resolve(Map.of(), Map.of("ARBOR_PRICES_FILE", json.toString())).prices();

    assertThat(fromYaml).extracting(ModelPrice::name).containsExactly("ft:gpt-4o-mini:acme", "in-house-llm");
    assertThat(fromYaml.get(0).prices()).isEqualTo(new TokenPrices(0.3, 1.2, 0.15, null, null));
    assertThat(fromYaml.get(1).project()).isEqualTo("support");
    assertThat(fromYaml).allSatisfy(p -> assertThat(p.source()).isEqualTo(PriceSource.FILE));
    assertThat(fromJson).singleElement().satisfies(p -> assertThat(p.prices().output()).isEqualTo(2.0));
    assertThat(resolve(Map.of(), Map.of()).prices()).isEmpty();
  }

  @Test
  void pricesFile_mistakes_stopTheStartNamingTheEntry(@TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("prices.yaml"), "models:\n  - name: a\n    input: 1\n");

    assertThatThrownBy(() -> resolve(Map.of(Setting.PRICES_FILE, bad.toString()), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--prices-file=" + bad)
        .hasMessageContaining("models[0].output: required");
    assertThatThrownBy(() -> resolve(Map.of(Setting.PRICES_FILE, dir.resolve("missing.yaml").toString()), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cannot read the price file");
  }
}
