package dev.arbor.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbor.store.ApiKey;
import dev.arbor.store.LoginSession;
import dev.arbor.store.NameTakenException;
import dev.arbor.store.ProjectAccess;
import dev.arbor.store.ProjectGrants;
import dev.arbor.store.Role;
import dev.arbor.store.SpanStore;
import dev.arbor.store.User;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Users, API keys and sessions as every store keeps them. */
public abstract class AccessContract {
  private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
  protected SpanStore store;

  protected abstract SpanStore newStore();

  @BeforeEach
  void open() {
    store = newStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static User user(String name, Role role, ProjectGrants grants) {
    return new User(0, name, role, "$2a$12$hash-of-" + name, grants, NOW, false);
  }

  @Test
  public void users_areCreatedFoundUpdatedAndDeleted_withTheirRoleAndGrants() {
    User ada = store.access().createUser(user("ada", Role.ADMIN, ProjectGrants.ALL));
    User bob = store.access().createUser(user("bob", Role.MEMBER,
        ProjectGrants.of(Map.of("support", ProjectAccess.WRITE, "billing", ProjectAccess.READ))));

    assertThat(bob.id()).isGreaterThan(ada.id());
    assertThat(store.access().users()).containsExactly(ada, bob);
    assertThat(store.access().user("bob")).contains(bob);
    assertThat(store.access().user(bob.id()).orElseThrow().grants().canWrite("support")).isTrue();
    assertThat(store.access().user(bob.id()).orElseThrow().grants().canWrite("billing")).isFalse();
    assertThat(store.access().user("nobody")).isEmpty();

    User demoted = new User(bob.id(), "bob", Role.VIEWER, "$2a$12$new", ProjectGrants.ALL, NOW, true);
    assertThat(store.access().updateUser(demoted)).contains(demoted);
    assertThat(store.access().user("bob")).contains(demoted);
    assertThat(store.access().updateUser(demoted.withId(99_999))).isEmpty();

    assertThat(store.access().deleteUser(bob.id())).isTrue();
    assertThat(store.access().deleteUser(bob.id())).isFalse();
    assertThat(store.access().users()).containsExactly(ada);
  }

  @Test
  public void aUserName_isTakenOnce() {
    User ada = store.access().createUser(user("ada", Role.ADMIN, ProjectGrants.ALL));
    User bob = store.access().createUser(user("bob", Role.VIEWER, ProjectGrants.ALL));

    assertThatThrownBy(() -> store.access().createUser(user("ada", Role.VIEWER, ProjectGrants.ALL)))
        .isInstanceOf(NameTakenException.class).hasMessageContaining("ada");
    assertThatThrownBy(() -> store.access().updateUser(new User(bob.id(), "ada", Role.VIEWER, "h",
        ProjectGrants.ALL, NOW, false))).isInstanceOf(NameTakenException.class);
    assertThat(store.access().updateUser(ada)).contains(ada);
  }

  @Test
  public void keys_areFoundBySecretHash_revokedOnce_andGoWithTheirUser() {
    User bob = store.access().createUser(user("bob", Role.MEMBER, ProjectGrants.ALL));
    ApiKey ingest = store.access().createKey(new ApiKey(0, "ci ingest", "arbor_pk_1", "a1".repeat(32), bob.id(),
        Role.MEMBER, ProjectGrants.of(Map.of("support", ProjectAccess.WRITE)), NOW, NOW.plusSeconds(3600), null));
    ApiKey system = store.access().createKey(new ApiKey(0, "scraper", "arbor_pk_2", "b2".repeat(32), null,
        Role.VIEWER, ProjectGrants.ALL, NOW, null, null));

    assertThat(store.access().keys()).containsExactly(ingest, system);
    assertThat(store.access().keyBySecretHash("a1".repeat(32))).contains(ingest);
    assertThat(store.access().keyBySecretHash("c3".repeat(32))).isEmpty();
    assertThat(store.access().key(system.id()).orElseThrow().userId()).isNull();
    assertThat(ingest.usableAt(NOW)).isTrue();
    assertThat(ingest.usableAt(NOW.plusSeconds(3600))).isFalse();

    assertThat(store.access().revokeKey(system.id(), NOW.plusSeconds(5))).isTrue();
    assertThat(store.access().revokeKey(system.id(), NOW.plusSeconds(9))).isFalse();
    assertThat(store.access().key(system.id()).orElseThrow().revokedAt()).isEqualTo(NOW.plusSeconds(5));
    assertThat(store.access().key(system.id()).orElseThrow().usableAt(NOW.plusSeconds(6))).isFalse();

    store.access().deleteUser(bob.id());
    assertThat(store.access().keys()).extracting(ApiKey::name).containsExactly("scraper");
  }

  @Test
  public void sessions_endOnLogoutOnExpiryAndWithTheirUser() {
    User ada = store.access().createUser(user("ada", Role.ADMIN, ProjectGrants.ALL));
    User bob = store.access().createUser(user("bob", Role.VIEWER, ProjectGrants.ALL));
    LoginSession first = new LoginSession("s1".repeat(32), ada.id(), NOW, NOW.plusSeconds(60));
    LoginSession second = new LoginSession("s2".repeat(32), ada.id(), NOW, NOW.plusSeconds(600));
    LoginSession bobs = new LoginSession("s3".repeat(32), bob.id(), NOW, NOW.plusSeconds(600));
    store.access().createSession(first);
    store.access().createSession(second);
    store.access().createSession(bobs);

    assertThat(store.access().session(first.tokenHash())).contains(first);
    assertThat(store.access().deleteExpiredSessions(NOW.plusSeconds(60))).isEqualTo(1);
    assertThat(store.access().session(first.tokenHash())).isEmpty();
    assertThat(store.access().deleteSession(second.tokenHash())).isTrue();
    assertThat(store.access().deleteSession(second.tokenHash())).isFalse();
    store.access().createSession(second);
    assertThat(store.access().deleteSessionsOf(ada.id())).isEqualTo(1);
    store.access().deleteUser(bob.id());
    assertThat(store.access().session(bobs.tokenHash())).isEmpty();
  }

  @Test
  public void usersKeysAndSessions_surviveAReopen() {
    User ada = store.access().createUser(user("ada", Role.ADMIN, ProjectGrants.ALL));
    store.access().createSession(new LoginSession("s1".repeat(32), ada.id(), NOW, NOW.plusSeconds(60)));
    store.close();
    store = newStore();
    assertThat(store.access().user("ada")).contains(ada);
    assertThat(store.access().session("s1".repeat(32))).isPresent();
  }
}
