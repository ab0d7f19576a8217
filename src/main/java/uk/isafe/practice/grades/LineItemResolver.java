package uk.isafe.practice.grades;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import uk.isafe.practice.core.activity.GradeKind;
import uk.isafe.practice.grades.DeliveryRepository.Due;

/**
 * Which line item a score goes to.
 *
 * <ul>
 *   <li>The link's own grade item: the launch's {@code lineitem} claim when there is one. Moodle sends that claim only
 *   while the activity has exactly one grade item, so once the tool has added a column to it the claim is gone: the
 *   item is then looked up in the line items service by the resource link (Moodle's {@code resource_link_id} filter),
 *   then among all items by {@code resourceLinkId}, or by {@code resourceId} equal to the link's id or its
 *   {@code activity} value (an item made by deep linking), and remembered for the link.</li>
 *   <li>Other kinds: a line item the tool finds or creates in the context, keyed by {@code resourceId} (the resource
 *   link id) and {@code tag} (the kind).</li>
 * </ul>
 *
 * Looked-up items are kept in {@code grade_line_item}. One instance at a time looks up or creates a given line item
 * (an advisory lock), and concurrent scores on this instance share one lookup.
 */
final class LineItemResolver {
  /** The key under which the link's own grade item is remembered (kinds never start with "@"). */
  static final String OWN = "@activity";
  private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('grade_line_item'), hashtext($1))";
  private static final int MAX_PAGES = 20;
  private final Pool pool;
  private final DeliveryRepository repository;
  private final AgsClient ags;
  private final Function<String, Optional<GradeKind>> kinds;
  private final Set<String> toolTags;
  private final Map<String, Future<String>> pending = new ConcurrentHashMap<>();
  /**
   * Line item lookups run one at a time on this instance: each holds a connection (for its lock) while it calls the
   * platform, and the token request it may make needs another one; one at a time, they can never exhaust the pool.
   */
  private Future<?> previous = Future.succeededFuture();

  /** {@code toolTags}: the tags (or tag prefixes, for families) of columns the tool creates, never the own item. */
  LineItemResolver(Pool pool, DeliveryRepository repository, AgsClient ags,
      Function<String, Optional<GradeKind>> kinds, Set<String> toolTags) {
    this.kinds = kinds;
    this.pool = pool;
    this.repository = repository;
    this.ags = ags;
    this.toolTags = Set.copyOf(toolTags);
  }

  /** The line item URL for {@code due}, or a failed future (an {@link AgsClient.AgsCallException} when the platform said no). */
  Future<String> resolve(Due due) {
    if (!toolCreated(due) && due.lineItemUrl().isPresent()) {
      return Future.succeededFuture(due.lineItemUrl().get());
    }
    if (due.lineItemsUrl().isEmpty()) {
      return Future.failedFuture(new AgsClient.AgsCallException(400, toolCreated(due)
          ? "the course offers no line items service"
          : "the activity has no line item (it does not accept grades) and the course offers no line items service"));
    }
    String tag = key(due);
    return repository.lineItem(pool, due.resourceLinkId(), tag).compose(cached -> cached
        .map(Future::succeededFuture)
        .orElseGet(() -> pending.computeIfAbsent(due.resourceLinkId() + "|" + tag, k -> {
          Future<String> next = previous.transform(ignored -> lookUp(due, tag));
          previous = next;
          return next.onComplete(ar -> pending.remove(k));
        })));
  }

  /** The remembered line item no longer exists on the platform (deleted by a teacher): look it up again next time. */
  Future<Void> forget(Due due) {
    return !remembered(due) ? Future.succeededFuture()
        : repository.forgetLineItem(pool, due.resourceLinkId(), key(due));
  }

  /** Whether the score went to a line item the tool looked up or created (not one the launch named). */
  boolean remembered(Due due) {
    return toolCreated(due) || due.lineItemUrl().isEmpty();
  }

  /** Whether the score goes to a column the tool finds or creates (not the link's own grade item). */
  boolean toolCreated(Due due) {
    return kinds.apply(due.kind()).map(k -> k.column() == GradeKind.Column.TOOL_CREATED).orElse(true);
  }

  private String key(Due due) {
    return toolCreated(due) ? due.kind() : OWN;
  }

  private Future<String> lookUp(Due due, String tag) {
    String lockKey = due.resourceLinkId() + "|" + tag;
    return pool.withTransaction(conn -> conn.preparedQuery(LOCK).execute(Tuple.of(lockKey))
        .compose(locked -> repository.lineItem(conn, due.resourceLinkId(), tag))
        .compose(cached -> cached.isPresent() ? Future.succeededFuture(cached.get())
            : (toolCreated(due) ? findOrCreate(due) : findOwn(due))
                .compose(url -> repository.saveLineItem(conn, due.resourceLinkId(), tag, url).map(url))));
  }

  private Future<String> findOrCreate(Due due) {
    return ags.findLineItem(due.registrationId(), due.scopes(), due.lineItemsUrl().get(), due.linkId(), due.kind())
        .compose(found -> found.map(Future::succeededFuture).orElseGet(() -> ags.createLineItem(
            due.registrationId(), due.scopes(), due.lineItemsUrl().get(), due.linkId(), due.kind(),
            due.label(), maximumOf(due), due.linkId())));
  }

  /** The link's own grade item, by Moodle's {@code resource_link_id} filter first, then among all items. */
  private Future<String> findOwn(Due due) {
    String url = due.lineItemsUrl().get();
    String filter = "resource_link_id=" + java.net.URLEncoder.encode(due.linkId(), java.nio.charset.StandardCharsets.UTF_8);
    return ags.listLineItems(due.registrationId(), due.scopes(), url, filter, MAX_PAGES)
        .compose(filtered -> own(filtered, due).map(Future::succeededFuture).orElseGet(() ->
            ags.listLineItems(due.registrationId(), due.scopes(), url, "", MAX_PAGES)
                .compose(all -> own(all, due).map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(
                    new AgsClient.AgsCallException(404, "the activity has no grade item of its own on the platform "
                        + "(its grade type may be None): no line item with resourceLinkId " + due.linkId()))))));
  }

  /**
   * Picks the link's own item from {@code items}: one whose {@code resourceLinkId} is the link and which is not a
   * column the tool created (its tag is one of ours); failing that, one whose {@code resourceId} is the link's id or
   * its activity value. Among several, one without a tag first.
   */
  Optional<String> own(List<JsonObject> items, Due due) {
    Predicate<JsonObject> ours = item -> item.getString("tag") != null && toolTags.stream()
        .anyMatch(t -> t.endsWith(":") ? item.getString("tag").startsWith(t) : item.getString("tag").equals(t));
    List<JsonObject> byLink = items.stream().filter(ours.negate())
        .filter(i -> due.linkId().equals(i.getString("resourceLinkId"))).toList();
    List<JsonObject> candidates = !byLink.isEmpty() ? byLink : items.stream().filter(ours.negate())
        .filter(i -> due.linkId().equals(i.getString("resourceId"))
            || due.activity().map(a -> a.equals(i.getString("resourceId"))).orElse(false))
        .toList();
    return candidates.stream().filter(i -> i.getString("tag") == null || i.getString("tag").isBlank()).findFirst()
        .or(() -> candidates.stream().findFirst()).map(i -> i.getString("id"));
  }

  private double maximumOf(Due due) {
    if (due.scoreMaximum() != null) {
      return due.scoreMaximum();
    }
    return kinds.apply(due.kind()).map(GradeKind::maximum).orElse(100.0);
  }
}
