package dev.arbor.store.duckdb;

import dev.arbor.store.SpanStore;
import dev.arbor.store.tests.AccessContract;
import dev.arbor.store.tests.AlertContract;
import dev.arbor.store.tests.AuditContract;
import dev.arbor.store.tests.CostContract;
import dev.arbor.store.tests.FilterContract;
import dev.arbor.store.tests.MetricsContract;
import dev.arbor.store.tests.ProjectContract;
import dev.arbor.store.tests.QueryContract;
import dev.arbor.store.tests.RedactionContract;
import dev.arbor.store.tests.RetentionContract;
import dev.arbor.store.tests.RollupContract;
import dev.arbor.store.tests.SpanStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The shared store contracts against a real DuckDB file. */
class ITDuckDbStore {
  @TempDir
  Path dir;

  private DuckDbSettings settings() {
    return DuckDbSettings.of(dir.resolve("arbor.duckdb"));
  }

  /** Runs SQL on the file behind the store's back: closed first, since one process at a time may open it. */
  private SpanStore reopenAfter(SpanStore store, String sql) throws Exception {
    return reopenAfter(store, sql, null);
  }

  /** As {@link #reopenAfter(SpanStore, String)} (no SQL when null), reopened keeping {@code rollupAttribute}. */
  private SpanStore reopenAfter(SpanStore store, String sql, String rollupAttribute) throws Exception {
    store.close();
    if (sql != null) {
      try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("arbor.duckdb"));
          java.sql.Statement st = c.createStatement()) {
        st.execute(sql);
      }
    }
    return DuckDbSpanStore.open(settings(), rollupAttribute);
  }

  @Nested
  class SpanStoreTest extends SpanStoreContract {
    @Override
    protected SpanStore newStore() {
      return DuckDbSpanStore.open(settings());
    }

    @Override
    protected SpanStore reopen(SpanStore store) {
      store.close();
      return DuckDbSpanStore.open(settings());
    }
  }

  @Nested
  class FilterTest extends FilterContract {
    @Override
    protected SpanStore newStore() {
      return DuckDbSpanStore.open(settings());
    }
  }

  @Nested
  class QueryTest extends QueryContract {
    @Override
    protected SpanStore newStore() {
      return DuckDbSpanStore.open(settings());
    }
  }

  @Nested
  class ProjectTest extends ProjectContract {
    @Override
    protected SpanStore newStore() {
      return DuckDbSpanStore.open(settings());
    }
  }

  @Nested
  class CostTest extends CostContract {
    @Override
    protected SpanStore newStore() {
      return DuckDbSpanStore.open(settings());
    }
  }

  @Nested
  class MetricsTest extends MetricsContract {
    @Override
    protected SpanStore newStore() {
      return DuckDbSpanStore.open(settings(), ROLLED_UP_ATTRIBUTE);
    }
  }

  @Nested
  class RollupTest extends RollupContract {
    @Override
    protected SpanStore newStore() {
      return DuckDbSpanStore.open(settings(), ROLLED_UP_ATTRIBUTE);
    }

    @Override
    protected SpanStore reopen(SpanStore store, String rollupAttribute, String sql) throws Exception {
      return reopenAfter(store, sql, rollupAttribute);
    }

    @Override
    protected SpanStore reopenKeepingItsAttribute(SpanStore store) {
      store.close();
      return DuckDbSpanStore.open(settings());
    }
  }

  @Nested
  class AuditTest extends AuditContract {
    @Override
    protected SpanStore newStore() {
      return DuckDbSpanStore.open(settings());
    }

    @Override
    protected SpanStore tamper(SpanStore store, String sql) throws Exception {
      return reopenAfter(store, sql);
    }

    @Override
    protected SpanStore secondServer() {
      throw new UnsupportedOperationException("one process at a time opens a DuckDB file");
    }

    @Override
    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.Disabled("One process at a time opens a DuckDB file: there is no second server to race.")
    public void twoServersAppendingAtOnce_makeOneChainWithoutGaps() {
    }
  }

  @Nested
  class RedactionTest extends RedactionContract {
    @Override
    protected SpanStore newStore() {
      return DuckDbSpanStore.open(settings());
    }
  }

  @Nested
  class RetentionTest extends RetentionContract {
    @Override
    protected SpanStore newStore() {
      return DuckDbSpanStore.open(settings());
    }

    @Override
    protected SpanStore tamper(SpanStore store, String sql) throws Exception {
      return reopenAfter(store, sql);
    }
  }

  @Nested
  class AccessTest extends AccessContract {
    @Override
    protected SpanStore newStore() {
      return DuckDbSpanStore.open(settings());
    }
  }

  @Nested
  class AlertTest extends AlertContract {
    @Override
    protected SpanStore newStore() {
      return DuckDbSpanStore.open(settings());
    }
  }
}
