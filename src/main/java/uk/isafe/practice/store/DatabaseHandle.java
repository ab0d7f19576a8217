package uk.isafe.practice.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The database this process uses: the one {@code DATABASE_URL} names, or the embedded server under {@code DATA_DIR}
 * (started here, or, for command-line tools, the one a running server already holds).
 */
public final class DatabaseHandle implements AutoCloseable {
  private final DbSettings settings;
  private final EmbeddedPostgres embedded;

  private DatabaseHandle(DbSettings settings, EmbeddedPostgres embedded) {
    this.settings = settings;
    this.embedded = embedded;
  }

  /** For the server: the external database, or a freshly started embedded one. Blocking. */
  public static DatabaseHandle open(Optional<DbSettings> external, Path dataDir, List<String> embeddedOptions) {
    if (external.isPresent()) {
      return new DatabaseHandle(external.get(), null);
    }
    EmbeddedPostgres pg = EmbeddedPostgres.start(dataDir, embeddedOptions);
    return new DatabaseHandle(pg.settings(), pg);
  }

  /** For command-line tools: as {@link #open}, but attach to the embedded server a running ISAFE server holds. */
  public static DatabaseHandle openForTool(Optional<DbSettings> external, Path dataDir) {
    if (external.isPresent()) {
      return new DatabaseHandle(external.get(), null);
    }
    try {
      return open(Optional.empty(), dataDir, List.of());
    } catch (EmbeddedDatabaseException busy) {
      return EmbeddedPostgres.running(dataDir).map(s -> new DatabaseHandle(s, null)).orElseThrow(() -> busy);
    }
  }

  public DbSettings settings() {
    return settings;
  }

  public boolean embedded() {
    return embedded != null;
  }

  /** Stops the embedded server if this handle started it. Blocking. */
  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
