package uk.isafe.practice.grades;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.util.Locale;
import java.util.Optional;
import uk.isafe.practice.core.activity.Activities;
import uk.isafe.practice.core.activity.GradeKind;
import uk.isafe.practice.core.grade.GradePassback;
import uk.isafe.practice.core.grade.GradeResult;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.v1p1.BasicOutcomes;
import uk.isafe.practice.web.Messages;

/**
 * The real {@link GradePassback}: stores every result, lets the link's {@link GradingPolicy} decide which one counts,
 * and, when the counted result changes and the launch has an AGS endpoint for it, writes a score to the outbox in the
 * caller's transaction. After the commit it nudges the delivery worker ({@link OutboxWorker}) on this instance;
 * workers on other instances find the score on their next poll.
 */
public final class GradeOutbox implements GradePassback {
  /** Event bus address the worker listens on: "something was committed to the outbox". */
  public static final String NUDGE = "isafe.grades.nudge";

  private final Vertx vertx;
  private final Activities activities;
  private final Messages.Catalog labels;
  private final OutboxRepository repository = new OutboxRepository();
  private final Counter queued;
  private final DeliveryConfig config = new DeliveryConfig();

  public GradeOutbox(Vertx vertx, Messages messages, MeterRegistry metrics, Activities activities) {
    this.vertx = vertx;
    this.activities = activities;
    this.labels = messages.forLocale(Messages.SOURCE_LOCALE);
    this.queued = Counter.builder("isafe.grades.queued").description("scores written to the outbox")
        .register(metrics);
  }

  /** How deliveries run (read by the worker at start): settings and the tool's signing keys. */
  public DeliveryConfig config() {
    return config;
  }

  @Override
  public Future<Delivery> recordResult(SqlClient tx, LaunchContext launch, GradeResult result) {
    if (launch.anonymous()) {
      return Future.succeededFuture(Delivery.NOT_SENT_ANONYMOUS);
    }
    if (launch.resourceLinkId().isEmpty()) {
      return Future.succeededFuture(Delivery.NOT_SENT_NO_SERVICE);
    }
    GradeKind kind = kindOf(result.kind());
    Stream stream = new Stream(launch.resourceLinkId().get(), launch.personId().get(), result.kind());
    GradingPolicy policy = GradingPolicy.of(launch.custom(GradingPolicy.CUSTOM_PARAM));
    boolean sendable = hasService(launch, kind);
    double fraction = result.scoreGiven() / result.scoreMaximum();
    return repository.lockStream(tx, stream)
        .compose(v -> repository.countedFraction(tx, stream))
        .compose(counted -> {
          boolean replaces = policy.replaces(fraction, counted);
          return repository.store(tx, launch.courseId(), stream, result, replaces, sendable,
              label(launch, kind, result.kind()), Score.result(result))
              .onSuccess(id -> {
                if (replaces && sendable) {
                  afterCommit(tx);
                }
              });
        })
        .map(v -> sendable ? Delivery.QUEUED : Delivery.NOT_SENT_NO_SERVICE);
  }

  @Override
  public Future<Void> recordStarted(SqlClient tx, LaunchContext launch, String kindName, String activityKey) {
    GradeKind kind = kindOf(kindName);
    boolean outcomes = launch.ags().map(a -> BasicOutcomes.isOutcomes(a.scopes())).orElse(false);
    if (launch.anonymous() || launch.resourceLinkId().isEmpty() || !hasService(launch, kind) || outcomes) {
      return Future.succeededFuture();
    }
    Stream stream = new Stream(launch.resourceLinkId().get(), launch.personId().get(), kindName);
    return repository.lockStream(tx, stream)
        .compose(v -> repository.streamState(tx, stream))
        .compose(state -> {
          // Moodle writes an empty grade for any score that is not FullyGraded: never after a final result.
          if (state.hasResult() || state.startedQueued()) {
            return Future.succeededFuture();
          }
          return repository.enqueueProgress(tx, launch.courseId(), stream, label(launch, kind, kindName),
                  Score.started())
              .compose(v -> repository.markStarted(tx, stream))
              .onSuccess(v -> afterCommit(tx));
        });
  }

  /** The declared kind: a feature that records a result of a kind it did not declare is a programming error. */
  private GradeKind kindOf(String name) {
    return activities.gradeKind(name)
        .orElseThrow(() -> new IllegalStateException("grade kind not declared by any activity: " + name));
  }

  /** Whether this launch has somewhere to send a result of {@code kind}. */
  static boolean hasService(LaunchContext launch, GradeKind kind) {
    if (launch.ags().isEmpty()) {
      return false;
    }
    boolean wanted = kind.requiresCustom()
        .map(param -> launch.custom(param).map(v -> v.trim().equalsIgnoreCase("true")).orElse(false))
        .orElse(true);
    LaunchContext.AgsEndpoint ags = launch.ags().get();
    return wanted && switch (kind.column()) {
      case ACTIVITY -> ags.lineItemUrl().isPresent();
      case TOOL_CREATED -> ags.lineItemsUrl().isPresent();
    };
  }

  /** A readable gradebook column name, from the kind's label: "Working with fathers – confidence before". */
  String label(LaunchContext launch, GradeKind kind, String name) {
    String title = Optional.ofNullable(launch.resourceLinkTitle()).filter(s -> !s.isBlank())
        .orElse(Optional.ofNullable(launch.contextTitle()).orElse(""));
    String detail = kind.detail(name).replace('_', ' ').toLowerCase(Locale.ROOT);
    return labels.get(kind.labelKey(), title, detail).strip();
  }

  private void afterCommit(SqlClient tx) {
    queued.increment();
    Transaction t = tx instanceof SqlConnection c ? c.transaction() : null;
    if (t == null) {
      vertx.eventBus().publish(NUDGE, null);
    } else {
      t.completion().onSuccess(v -> vertx.eventBus().publish(NUDGE, null));
    }
  }

  /** One learner's scores on one line item: (resource link, person, kind). */
  record Stream(long resourceLinkId, long personId, String kind) {
  }

  /** What a score says besides who and where. */
  record Score(String activityProgress, String gradingProgress, Double scoreGiven, Double scoreMaximum,
      String comment) {
    static Score result(GradeResult r) {
      String comment = r.comment() == null ? null : r.comment().strip();
      if (comment != null && comment.length() > 250) {
        comment = comment.substring(0, 249) + "…";
      }
      return new Score("Completed", "FullyGraded", r.scoreGiven(), r.scoreMaximum(), comment);
    }

    static Score started() {
      return new Score("Started", "NotReady", null, null, null);
    }
  }
}
