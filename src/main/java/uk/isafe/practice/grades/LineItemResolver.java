package uk.isafe.practice.grades;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import uk.isafe.practice.core.activity.GradeKind;
import uk.isafe.practice.grades.DeliveryRepository.Due;

/**
 * Which line item a score goes to. The scenario score goes to the launch's own line item; other kinds to a line item
 * the tool finds or creates in the context, keyed by {@code resourceId} (the resource link id) and {@code tag} (the
 * kind), remembered in {@code grade_line_item}. One instance at a time creates a given line item (an advisory lock),
 * and concurrent scores on this instance share one lookup.
 */
final class LineItemResolver {
  private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('grade_line_item'), hashtext($1))";
  private final Pool pool;
  private final DeliveryRepository repository;
  private final AgsClient ags;
  private final Function<String, Optional<GradeKind>> kinds;
  private final Map<String, Future<String>> pending = new ConcurrentHashMap<>();
  /**
   * Line item lookups run one at a time on this instance: each holds a connection (for its lock) while it calls the
   * platform, and the token request it may make needs another one; one at a time, they can never exhaust the pool.
   */
  private Future<?> previous = Future.succeededFuture();

  LineItemResolver(Pool pool, DeliveryRepository repository, AgsClient ags,
      Function<String, Optional<GradeKind>> kinds) {
    this.kinds = kinds;
    this.pool = pool;
    this.repository = repository;
    this.ags = ags;
  }

  /** The line item URL for {@code due}, or a failed future (an {@link AgsClient.AgsCallException} when the platform said no). */
  Future<String> resolve(Due due) {
    if (!toolCreated(due)) {
      return due.lineItemUrl().map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(
          new AgsClient.AgsCallException(400, "the activity has no line item (it does not accept grades)")));
    }
    if (due.lineItemsUrl().isEmpty()) {
      return Future.failedFuture(new AgsClient.AgsCallException(400, "the course offers no line items service"));
    }
    return repository.lineItem(pool, due.resourceLinkId(), due.kind()).compose(cached -> cached
        .map(Future::succeededFuture)
        .orElseGet(() -> {
          String key = due.resourceLinkId() + "|" + due.kind();
          return pending.computeIfAbsent(key, k -> {
            Future<String> next = previous.transform(ignored -> findOrCreate(due));
            previous = next;
            return next.onComplete(ar -> pending.remove(k));
          });
        }));
  }

  /** The cached line item no longer exists on the platform (deleted by a teacher): find or create it again. */
  Future<Void> forget(Due due) {
    return !toolCreated(due) ? Future.succeededFuture()
        : repository.forgetLineItem(pool, due.resourceLinkId(), due.kind());
  }

  /** Whether the score goes to a column the tool finds or creates (not the link's own grade item). */
  boolean toolCreated(Due due) {
    return kinds.apply(due.kind()).map(k -> k.column() == GradeKind.Column.TOOL_CREATED).orElse(true);
  }

  private Future<String> findOrCreate(Due due) {
    String lockKey = due.resourceLinkId() + "|" + due.kind();
    return pool.withTransaction(conn -> conn.preparedQuery(LOCK).execute(Tuple.of(lockKey))
        .compose(locked -> repository.lineItem(conn, due.resourceLinkId(), due.kind()))
        .compose(cached -> cached.isPresent() ? Future.succeededFuture(cached.get())
            : ags.findLineItem(due.registrationId(), due.scopes(), due.lineItemsUrl().get(), due.linkId(), due.kind())
                .compose(found -> found.map(Future::succeededFuture).orElseGet(() -> ags.createLineItem(
                    due.registrationId(), due.scopes(), due.lineItemsUrl().get(), due.linkId(), due.kind(),
                    due.label(), maximumOf(due), due.linkId())))
                .compose(url -> repository.saveLineItem(conn, due.resourceLinkId(), due.kind(), url).map(url))));
  }

  private double maximumOf(Due due) {
    if (due.scoreMaximum() != null) {
      return due.scoreMaximum();
    }
    return kinds.apply(due.kind()).map(GradeKind::maximum).orElse(100.0);
  }

}
