package uk.isafe.practice.assessment.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import uk.isafe.practice.assessment.instrument.FollowUpSchedule;
import uk.isafe.practice.assessment.instrument.Wave;
import uk.isafe.practice.assessment.pathway.Pathway;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.core.activity.Activities;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.session.SessionHandler;
import uk.isafe.practice.web.HttpProblem;

/**
 * {@code GET /pathway/:id}: the steps of a pathway with the learner's status on each: the "before" questionnaire,
 * each scenario (from {@code scenario_attempt}), then the "after" questionnaire, and last the follow-up with the date
 * it opens (when the instrument has one). Scenarios open once "before" is
 * done; "after" opens once every scenario is completed (or at once when scenario attempts are not recorded here).
 */
final class PathwayRoutes {
  private final Core core;
  private final Supplier<AssessmentContent> content;
  private final ResponseRepository responses = new ResponseRepository();
  private final ScenarioProgress scenarios = new ScenarioProgress();

  PathwayRoutes(Core core, Supplier<AssessmentContent> content) {
    this.core = core;
    this.content = content;
  }

  /** A row of the task list; {@code path} null when the step cannot be started yet. */
  record Step(String title, String path, String status, String statusKey, String elementId, String hint) {
  }

  enum Status {
    NOT_STARTED("assessment.status.notStarted"), IN_PROGRESS("assessment.status.inProgress"),
    COMPLETED("assessment.status.completed"), LOCKED("assessment.status.cannotStart");

    final String key;

    Status(String key) {
      this.key = key;
    }
  }

  Future<Void> show(RoutingContext ctx) {
    LaunchContext launch = SessionHandler.current(ctx);
    Pathway pathway = content.get().pathways().find(ctx.pathParam("id")).orElseThrow(() -> new HttpProblem(404,
        "unknown-pathway", "assessment.error.unknownPathway.title", "assessment.error.unknownPathway.detail"));
    String title = content.get().instruments().find(pathway.instrumentId()).map(i -> i.title()).orElse("");
    if (launch.anonymous()) {
      return render(ctx, pathway, title, Status.NOT_STARTED, Map.of(), Optional.empty(), Status.NOT_STARTED, true,
          followUpStep(ctx, pathway, title, Optional.empty(), Optional.empty()));
    }
    long course = launch.courseId();
    long person = launch.personId().get();
    Future<Optional<ResponseRow>> pre = responses.find(core.pool(), course, person, pathway.instrumentId(), Wave.PRE);
    Future<Optional<ResponseRow>> post = responses.find(core.pool(), course, person, pathway.instrumentId(),
        Wave.POST);
    Future<Optional<ResponseRow>> followUp = responses.find(core.pool(), course, person, pathway.instrumentId(),
        Wave.FOLLOW_UP);
    Future<Optional<Map<String, ScenarioProgress.Status>>> played = scenarios.of(core.pool(), course, person,
        pathway.scenarioIds());
    return Future.all(pre, post, followUp, played).compose(x -> render(ctx, pathway, title, status(pre.result()),
        played.result().orElse(Map.of()), played.result(), status(post.result()), false,
        followUpStep(ctx, pathway, title, post.result(), followUp.result())));
  }

  private static Status status(Optional<ResponseRow> row) {
    return row.map(r -> r.completed() ? Status.COMPLETED : Status.IN_PROGRESS).orElse(Status.NOT_STARTED);
  }

  private Future<Void> render(RoutingContext ctx, Pathway pathway, String instrumentTitle, Status pre,
      Map<String, ScenarioProgress.Status> played, Optional<?> recorded, Status post, boolean anonymous,
      Optional<Step> followUp) {
    var m = core.pages().catalog(ctx);
    String base = "/assessment/" + pathway.instrumentId() + "/";
    boolean preDone = pre == Status.COMPLETED || anonymous;
    List<Step> steps = new ArrayList<>();
    steps.add(step(m.get("assessment.pathway.before", instrumentTitle), base + Wave.PRE, pre, m, "step-pre"));
    boolean allPlayed = true;
    for (Pathway.ScenarioStep s : pathway.steps()) {
      ScenarioProgress.Status p = played.getOrDefault(s.scenarioId(), ScenarioProgress.Status.NOT_STARTED);
      allPlayed &= p == ScenarioProgress.Status.COMPLETED;
      Status st = !preDone ? Status.LOCKED : switch (p) {
        case COMPLETED -> Status.COMPLETED;
        case IN_PROGRESS -> Status.IN_PROGRESS;
        default -> Status.NOT_STARTED;
      };
      String path = core.activities().resolve("scenario:" + s.scenarioId()).map(Activities.Start::path).orElse(null);
      steps.add(step(s.title(), path, path == null ? Status.LOCKED : st, m, "step-" + s.scenarioId()));
    }
    boolean postOpen = preDone && (allPlayed || recorded.isEmpty() || post != Status.NOT_STARTED);
    steps.add(step(m.get("assessment.pathway.after", instrumentTitle), base + Wave.POST,
        postOpen ? post : Status.LOCKED, m, "step-post"));
    followUp.ifPresent(steps::add);
    return core.pages().render(ctx, "assessment/pathway", Map.of("pathway", pathway, "steps", steps,
        "anonymous", anonymous, "scenariosUnknown", recorded.isEmpty() && !anonymous));
  }

  private static Step step(String title, String path, Status status, uk.isafe.practice.web.Messages.Catalog m,
      String id) {
    return new Step(title, status == Status.LOCKED ? null : path, m.get(status.key), status.name(), id, null);
  }

  /**
   * The last step when the instrument has a follow-up wave: locked until its date, with the date (or how long after
   * the after questionnaire it opens) as the step's hint.
   */
  private Optional<Step> followUpStep(RoutingContext ctx, Pathway pathway, String title, Optional<ResponseRow> post,
      Optional<ResponseRow> followUp) {
    Optional<Wave> wave = content.get().instruments().find(pathway.instrumentId()).flatMap(i -> i.wave(Wave.FOLLOW_UP));
    if (wave.isEmpty()) {
      return Optional.empty();
    }
    var m = core.pages().catalog(ctx);
    FollowUpSchedule.Status when = FollowUpSchedule.status(post.filter(ResponseRow::completed)
        .map(r -> r.completedAt().toInstant()), wave.get(), core.clock().instant());
    String hint = when.opensOn().map(d -> m.get(when.open() ? "assessment.pathway.followUp.openSince"
        : "assessment.pathway.followUp.opensOn", WaveViews.date(d, m)))
        .orElseGet(() -> m.get("assessment.pathway.followUp.afterPost", wave.get().followUpDays()));
    Status status = !when.open() ? Status.LOCKED : status(followUp);
    String path = "/assessment/" + pathway.instrumentId() + "/" + Wave.FOLLOW_UP;
    return Optional.of(new Step(m.get("assessment.pathway.followUp", title), status == Status.LOCKED ? null : path,
        m.get(status.key), status.name(), "step-follow-up", hint));
  }
}
