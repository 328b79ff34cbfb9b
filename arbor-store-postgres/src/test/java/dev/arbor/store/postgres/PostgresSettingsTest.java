package dev.arbor.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresSettingsTest {

  @Test
  void url_becomesJdbcUrlAndCredentials_asLibpqReadsIt() {
    PostgresSettings s = PostgresSettings.fromUrl("postgresql://ar%40bor:p+a%2Fss@db_primary:5433/obs?sslmode=require",
        "public", 10);

    assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db_primary:5433/obs?sslmode=require");
    assertThat(s.user()).isEqualTo("ar@bor");
    assertThat(s.password()).isEqualTo("p+a/ss");
  }

  @Test
  void severalHostsAndIpv6_arePassedThrough_andTheDatabaseDefaultsToPostgres() {
    assertThat(PostgresSettings.fromUrl("postgres://h1:5432,h2:5432/db?targetServerType=primary", "public", 1).jdbcUrl())
        .isEqualTo("jdbc:postgresql://h1:5432,h2:5432/db?targetServerType=primary");
    assertThat(PostgresSettings.fromUrl("postgresql://u@[::1]:5432", "public", 1).jdbcUrl())
        .isEqualTo("jdbc:postgresql://[::1]:5432/postgres");
  }

  @Test
  void passwords_neverShowInTextMeantForLogs() {
    PostgresSettings s = PostgresSettings.fromUrl(
        "postgresql://u:secret1@h/db?sslmode=verify-full&sslpassword=secret2&password=secret3", "public", 1);

    assertThat(s.redactedUrl()).doesNotContain("secret").contains("sslmode=verify-full", "sslpassword=***");
    assertThat(s.toString()).doesNotContain("secret");
  }

  @Test
  void badUrlsAndSettings_failWithTheReason_withoutEchoingThem() {
    assertThatThrownBy(() -> PostgresSettings.fromUrl("postgresql://u:secret@/db", "public", 1))
        .hasMessageStartingWith("must name a host").hasMessageNotContaining("secret");
    assertThatThrownBy(() -> PostgresSettings.fromUrl("mysql://h/db", "public", 1))
        .hasMessage("must start with postgresql://");
    assertThatThrownBy(() -> PostgresSettings.fromUrl("postgresql://h/db", "bad schema", 1))
        .hasMessageStartingWith("schema must be a plain SQL name");
    assertThatThrownBy(() -> PostgresSettings.fromUrl("postgresql://h/db", "public", 0))
        .hasMessage("pool size must be between 1 and 1000: 0");
  }
}
