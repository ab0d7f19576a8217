package uk.isafe.practice.privacy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.core.PrivacySettings;

/**
 * Removes what is past its retention period ({@link Retention#STEPS}), in one transaction, at most once a day
 * across every instance of the server: the transaction first takes a PostgreSQL advisory lock (an instance that
 * cannot get it skips: another is purging) and then checks when the last purge ran. Logs and records how many rows
 * it removed per table. Periods are measured from the injected clock.
 */
public final class Purge {
  private static final Logger LOG = LoggerFactory.getLogger(Purge.class);
  /** The advisory lock's key: any constant unique to this job. */
  static final long LOCK = 0x15AFE_0018L;
  /** A purge within this long of the last one is skipped (daily, with slack for the hourly check). */
  static final Duration MIN_INTERVAL = Duration.ofHours(23);

  private final Pool pool;
  private final PrivacySettings settings;
  private final Clock clock;
  private final String instance;

  public Purge(Pool pool, PrivacySettings settings, Clock clock, String instance) {
    this.pool = pool;
    this.settings = settings;
    this.clock = clock;
    this.instance = instance;
  }

  /** What a purge did: {@code removed} per table (empty when skipped), or why it was skipped. */
  public record Result(boolean ran, Map<String, Integer> removed, Optional<String> skipped) {
    public int total() {
      return removed.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** Purges unless another instance is purging or a purge ran in the last 23 hours. */
  public Future<Result> runIfDue() {
    return run(false);
  }

  /** Purges now unless another instance is purging (the command line's {@code privacy purge}). */
  public Future<Result> runNow() {
    return run(true);
  }

  private Future<Result> run(boolean evenIfRecent) {
    Instant now = clock.instant();
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked")
        .execute(Tuple.of(LOCK))
        .compose(rows -> {
          if (!rows.iterator().next().getBoolean("locked")) {
            return Future.succeededFuture(skipped("another instance is purging"));
          }
          return tx.query("SELECT max(started_at) AS last FROM privacy_purge_run").execute().compose(last -> {
            OffsetDateTime lastRun = last.iterator().next().getOffsetDateTime("last");
            if (!evenIfRecent && lastRun != null && lastRun.toInstant().isAfter(now.minus(MIN_INTERVAL))) {
              return Future.succeededFuture(skipped("last purge ran at " + lastRun));
            }
            return steps(tx, now);
          });
        }))
        .onSuccess(r -> {
          if (r.ran()) {
            LOG.info("privacy purge removed rows={} byTable={} instance={}", r.total(), r.removed(), instance);
          } else {
            LOG.debug("privacy purge skipped reason={}", r.skipped().orElse(""));
          }
        })
        .onFailure(err -> LOG.warn("privacy purge failed reason={}", err.getMessage()));
  }

  private static Result skipped(String why) {
    return new Result(false, Map.of(), Optional.of(why));
  }

  private Future<Result> steps(SqlConnection tx, Instant now) {
    Map<String, Integer> removed = new LinkedHashMap<>();
    Future<Void> chain = tx.query("CREATE TEMP TABLE privacy_purge_learner (course_id bigint, person_id bigint)"
        + " ON COMMIT DROP").execute().mapEmpty();
    java.util.List<Retention.Step> steps = new java.util.ArrayList<>(Retention.STEPS);
    if (!settings.storeNames()) {
      steps.add(Retention.NAMES);
    }
    for (Retention.Step step : steps) {
      chain = chain.compose(v -> {
        Future<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>> done = step.takesCutoff()
            ? tx.preparedQuery(step.sql()).execute(Tuple.of(cutoff(now, step.period())))
            : tx.query(step.sql()).execute();
        return done.map(rows -> {
          if (!step.table().isEmpty()) {
            removed.merge(step.table(), rows.rowCount(), Integer::sum);
          }
          return null;
        });
      });
    }
    return chain.compose(v -> tx.preparedQuery("""
            INSERT INTO privacy_purge_run (started_at, finished_at, instance, removed) VALUES ($1, $2, $3, $4)""")
        .execute(Tuple.of(utc(now), utc(clock.instant()), instance, JsonObject.mapFrom(removed))))
        .map(v -> new Result(true, java.util.Collections.unmodifiableMap(removed), Optional.empty()));
  }

  private OffsetDateTime cutoff(Instant now, Retention.Period period) {
    Duration keep = period.of(settings).orElseThrow(() -> new IllegalStateException(period + " has no period"));
    return utc(now.minus(keep));
  }

  private static OffsetDateTime utc(Instant i) {
    return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }
}
