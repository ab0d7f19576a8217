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

  /**
   * For command-line tools: as {@link #open}, but attach to the embedded server a running ISAFE server holds, and
   * never create a database: a tool run from the wrong folder must not start an empty one and report on it. An
   * external database must already hold the server's tables; an embedded one must already exist under
   * {@code dataDir}. Either refusal is a {@link NoDatabaseException} whose message says what to do.
   */
  public static DatabaseHandle openForTool(Optional<DbSettings> external, Path dataDir) {
    if (external.isPresent()) {
      if (!Schema.present(external.get())) {
        throw new NoDatabaseException("DATABASE_URL " + external.get() + " holds no ISAFE Practice tables. "
            + "Command-line tools never create a database: start the server against it once, or set DATABASE_URL "
            + "to the one the server uses.");
      }
      return new DatabaseHandle(external.get(), null);
    }
    if (!EmbeddedPostgres.initialised(dataDir)) {
      throw new NoDatabaseException("there is no ISAFE Practice database in DATA_DIR " + dataDir
          + " (no pg-data folder). Command-line tools never create a database: run the command from the folder "
          + "the server runs in, or set DATA_DIR (or DATABASE_URL, or --config FILE) to what the server uses.");
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
