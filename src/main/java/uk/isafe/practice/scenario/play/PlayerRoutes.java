package uk.isafe.practice.scenario.play;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.session.SessionHandler;
import uk.isafe.practice.scenario.engine.ChoiceOrder;
import uk.isafe.practice.scenario.engine.Engine;
import uk.isafe.practice.scenario.engine.InvalidChoiceException;
import uk.isafe.practice.scenario.engine.PlayState;
import uk.isafe.practice.scenario.library.ScenarioLibrary;
import uk.isafe.practice.store.GroupCommit;
import uk.isafe.practice.web.HttpProblem;
import uk.isafe.practice.web.Messages;
import uk.isafe.practice.web.Pages;

/**
 * The player's handlers. Learners with a person id record attempts; trainers and anonymous launches play in
 * preview, which records nothing and carries its place in the URL ({@link PreviewPath}). Every recorded read is
 * scoped to the learner's course and person.
 */
final class PlayerRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(PlayerRoutes.class);
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.UK);

  private final Core core;
  private final Pages pages;
  private final ScenarioLibrary library;
  private final ScenarioTexts texts;
  private final PlayService play;
  /** Page models per scenario and locale: the library is immutable, so they are built once. */
  private final Map<String, PageModels> models = new ConcurrentHashMap<>();
  private final RecentAttempts recent = new RecentAttempts();

  PlayerRoutes(Core core, ScenarioLibrary library, ScenarioTexts texts, PlayService play) {
    this.core = core;
    this.pages = core.pages();
    this.library = library;
    this.texts = texts;
    this.play = play;
  }

  ScenarioLibrary library() {
    return library;
  }

  /** GET /scenario/:id — the start page: briefing, cast, and start, resume or start again. */
  void startPage(RoutingContext ctx) {
    PlayRequest r = req(ctx);
    Map<String, Object> model = r.model();
    if (r.preview()) {
      pages.render(ctx, "scenario/start", model);
      return;
    }
    play.attempts().history(core.pool(), r.owner(), r.id()).compose(list -> {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (AttemptRow a : list) {
        Map<String, Object> row = new HashMap<>();
        row.put("no", a.attemptNo());
        row.put("completed", a.completed());
        row.put("score", a.score());
        row.put("when", (a.completed() ? a.completedAt() : a.startedAt()).format(WHEN));
        row.put("endUrl", r.base() + "/end/" + a.id());
        rows.add(row);
      }
      model.put("attempts", rows);
      model.put("resume", !list.isEmpty() && !list.get(0).completed());
      model.put("latestNo", list.isEmpty() ? 0 : list.get(0).attemptNo());
      return pages.render(ctx, "scenario/start", model);
    }).onFailure(ctx::fail);
  }

  /**
   * POST /scenario/:id/start — a new attempt (older ones are kept), answered with its first turn; a repeated click
   * resumes instead.
   */
  void startAttempt(RoutingContext ctx) {
    PlayRequest r = req(ctx);
    if (r.preview()) {
      pages.redirect(ctx, r.base() + "/play?preview=1");
      return;
    }
    int seen = parseInt(ctx.request().getFormAttribute("latest"));
    String feedback = r.launch().custom("feedback").filter("end"::equalsIgnoreCase).map(x -> "end").orElse("each");
    play.start(r.launch(), r.engine(), seen, feedback).compose(started -> {
      if (started.isEmpty()) {
        LOG.info("scenario start ignored reason=already_started scenario={} person={}", r.id(), r.person());
        return pages.redirect(ctx, r.base() + "/play");
      }
      // The first turn is the answer to the post itself, as after a choice (no redirect and second request). A
      // resent post finds this attempt newer than the one its form saw, starts nothing and goes to /play.
      AttemptRow a = started.get();
      Optional<PlayState> first = replay(r, a);
      return first.isEmpty() ? pages.redirect(ctx, r.base() + "/play") : showTurn(ctx, r, a, first.get(), null);
    }).onFailure(ctx::fail);
  }

  /** GET /scenario/:id/play — where the learner is now (resumes on any server: state is replayed from events). */
  void play(RoutingContext ctx) {
    PlayRequest r = req(ctx);
    String error = ctx.request().getParam("error");
    if (r.preview()) {
      List<String> path = PreviewPath.parse(ctx.request().getParam("path"));
      PlayState s;
      try {
        s = r.engine().replay(path);
      } catch (InvalidChoiceException e) {
        throw HttpProblem.badRequest("bad-preview-path", "scenario.error.previewPath");
      }
      Map<String, Object> model = r.model();
      model.put("path", PreviewPath.format(path));
      if (r.engine().isEnd(s)) {
        model.putAll(r.pm().end(r.engine(), s));
        model.put("delivery", r.launch().anonymous() ? "ANONYMOUS_PREVIEW" : "PREVIEW");
        pages.render(ctx, "scenario/end", model);
      } else {
        renderTurn(ctx, r, model, s, !r.launch().custom("feedback").filter("end"::equalsIgnoreCase).isPresent(),
            error, previewSeed(r.id()));
      }
      return;
    }
    latest(r).compose(opt -> {
      if (opt.isEmpty()) {
        return pages.redirect(ctx, r.base());
      }
      AttemptRow a = opt.get();
      if (a.completed()) {
        return pages.redirect(ctx, r.base() + "/end/" + a.id());
      }
      Optional<PlayState> s = replay(r, a);
      return s.isEmpty() ? renderChanged(ctx, r, a) : showTurn(ctx, r, a, s.get(), error);
    }).onFailure(ctx::fail);
  }

  /** The turn attempt {@code a} is at (state {@code s}), remembered as shown so its post need not read it again. */
  private Future<Void> showTurn(RoutingContext ctx, PlayRequest r, AttemptRow a, PlayState s, String error) {
    Map<String, Object> model = r.model();
    model.put("attempt", a.id().toString());
    model.put("step", a.stepToken());
    model.put("attemptNo", a.attemptNo());
    recent.shown(a);
    return renderTurn(ctx, r, model, s, !a.feedbackAtEndOnly(), error, ChoiceOrder.seed(a.id()));
  }

  /** POST /scenario/:id/choose — records the chosen option once for this step token. */
  void choose(RoutingContext ctx) {
    String choice = ctx.request().getFormAttribute("choice");
    step(ctx, choice == null || choice.isBlank() ? "" : choice.trim());
  }

  /** POST /scenario/:id/continue — past a narration. */
  void advance(RoutingContext ctx) {
    step(ctx, null);
  }

  /** choiceId "" = the learner submitted without choosing; null = a narration continue. */
  private void step(RoutingContext ctx, String choiceId) {
    PlayRequest r = req(ctx);
    if (r.preview()) {
      List<String> path = new ArrayList<>(PreviewPath.parse(ctx.request().getFormAttribute("path")));
      String back = r.base() + "/play?preview=1&path=" + enc(PreviewPath.format(path));
      if ("".equals(choiceId)) {
        pages.redirect(ctx, back + "&error=choice#error-summary");
        return;
      }
      path.add(choiceId == null ? "" : choiceId);
      try {
        r.engine().replay(path);
      } catch (InvalidChoiceException e) {
        LOG.info("scenario preview step refused reason={} scenario={}", e.reason(), r.id());
        pages.redirect(ctx, back + "&notice=stale");
        return;
      }
      pages.redirect(ctx, r.base() + "/play?preview=1&path=" + enc(PreviewPath.format(path)));
      return;
    }
    UUID attemptId = uuid(ctx.request().getFormAttribute("attempt"));
    String token = ctx.request().getFormAttribute("step");
    Optional<AttemptRow> shown = recent.take(attemptId, token, r.owner(), r.id());
    Future<Void> done = shown.isPresent()
        ? Future.succeededFuture(shown.get()).compose(a -> stepFrom(ctx, r, a, token, choiceId, true))
        : play.attempts().find(core.pool(), attemptId, r.owner(), r.id())
            .compose(opt -> stepFrom(ctx, r, opt.orElseThrow(PlayerRoutes::attemptNotFound), token, choiceId, false));
    done.recover(e -> Future.failedFuture(e instanceof InvalidChoiceException ice
        ? HttpProblem.badRequest("choice-not-offered", "scenario.error.choiceNotOffered", ice.reason().name())
        : e)).onFailure(ctx::fail);
  }

  /**
   * The step against attempt {@code a}; {@code fromPage}: {@code a} is the attempt as this instance last showed it
   * (not read again), and a write refused as stale is answered from a fresh read, exactly as without it.
   */
  private Future<Void> stepFrom(RoutingContext ctx, PlayRequest r, AttemptRow a, String token, String choiceId,
      boolean fromPage) {
    if (a.completed()) {
      return pages.redirect(ctx, r.base() + "/end/" + a.id() + "?notice=done");
    }
    boolean current = token != null && token.equals(a.stepToken());
    if (!current) {
      LOG.info("scenario step ignored reason=stale_step_token scenario={} attempt={}", r.id(), a.id());
      return pages.redirect(ctx, r.base() + "/play?notice=stale");
    }
    Optional<PlayState> before = replay(r, a);
    if (before.isEmpty()) {
      return pages.redirect(ctx, r.base() + "/play");
    }
    if ("".equals(choiceId)) {
      return pages.redirect(ctx, r.base() + "/play?error=choice#error-summary");
    }
    return play.step(r.launch(), r.engine(), a, before.get(), token, choiceId).recover(err -> {
      if (err instanceof GroupCommit.NoAnswer) {
        LOG.warn("scenario step not confirmed reason=database_no_answer scenario={} attempt={}", r.id(), a.id());
        return Future.failedFuture(new HttpProblem(503, "step-not-confirmed", "scenario.error.notConfirmed.title",
            "scenario.error.notConfirmed.detail"));
      }
      return Future.failedFuture(err);
    }).compose(done -> switch (done.moved()) {
      case COMPLETED -> pages.redirect(ctx, r.base() + "/end/" + a.id());
      case STALE -> fromPage
          ? play.attempts().find(core.pool(), a.id(), r.owner(), r.id())
              .compose(opt -> stepFrom(ctx, r, opt.orElseThrow(PlayerRoutes::attemptNotFound), token, choiceId, false))
          : pages.redirect(ctx, r.base() + "/play?notice=stale");
      // The next turn is the answer to the post itself (no redirect and second request): the attempt as just
      // written, with its new step token. A resent post carries the old token, so it records nothing (STALE).
      case MOVED -> showTurn(ctx, r, done.attempt(), done.state(), null);
    });
  }

  /** GET /scenario/:id/end/:attempt — the ending, debrief, conversation, scores and indicators of my attempt. */
  void endPage(RoutingContext ctx) {
    PlayRequest r = req(ctx);
    if (r.preview()) {
      pages.redirect(ctx, r.base() + "?preview=1");
      return;
    }
    UUID attemptId = uuid(ctx.pathParam("attempt"));
    play.attempts().findWithLatestNo(core.pool(), attemptId, r.owner(), r.id()).compose(found -> {
      AttemptRow a = found.orElseThrow(PlayerRoutes::attemptNotFound).attempt();
      int latestNo = found.get().latestNo();
      if (!a.completed()) {
        return pages.redirect(ctx, r.base() + "/play");
      }
      Optional<PlayState> s = replay(r, a);
      if (s.isEmpty()) {
        return renderChanged(ctx, r, a);
      }
      Map<String, Object> model = r.model();
      model.putAll(r.pm().end(r.engine(), s.get()));
      model.put("attemptNo", a.attemptNo());
      model.put("latestNo", latestNo);
      model.put("showPrevious", ctx.request().getParam("notice") == null);
      return deliveryWords(r, a).compose(words -> {
        model.put("delivery", words);
        return pages.render(ctx, "scenario/end", model);
      });
    }).onFailure(ctx::fail);
  }

  /** A preview records nothing, so its order is fixed per scenario (still not the authored order). */
  static long previewSeed(String scenarioId) {
    return ChoiceOrder.seed(UUID.nameUUIDFromBytes(("preview:" + scenarioId).getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * What became of an attempt's result, in words the learner can trust: a queued score is looked up again, so the
   * page says "sent" only once the platform has accepted it. Inside a pathway it speaks of the pathway's grade.
   */
  private Future<String> deliveryWords(PlayRequest r, AttemptRow a) {
    String stored = a.delivery() == null ? "NOT_SENT_NO_SERVICE" : a.delivery();
    boolean part = stored.startsWith(PlayService.PART_PREFIX);
    String what = part ? stored.substring(PlayService.PART_PREFIX.length()) : stored;
    String prefix = part ? "PART_" : "";
    if (!"QUEUED".equals(what)) {
      return Future.succeededFuture(prefix + what);
    }
    Optional<String> kind = part
        ? play.container(r.launch(), r.id()).flatMap(l -> l.type().gradeKinds().stream()
            .filter(k -> k.column() == uk.isafe.practice.core.activity.GradeKind.Column.ACTIVITY).findFirst())
            .map(uk.isafe.practice.core.activity.GradeKind::name)
        : Optional.of(ScenarioActivity.GRADE.name());
    if (kind.isEmpty()) {
      return Future.succeededFuture(prefix + what);
    }
    return core.grades().sent(core.pool(), r.launch(), kind.get(), a.id().toString())
        .map(sent -> prefix + sent.map(Enum::name).orElse(what));
  }

  private Future<Void> renderTurn(RoutingContext ctx, PlayRequest r, Map<String, Object> model, PlayState s,
      boolean feedbackEach, String error, long seed) {
    model.putAll(r.pm().turn(r.engine(), s, feedbackEach, seed));
    var catalog = pages.catalog(ctx);
    model.put("heading", catalog.get("scenario.play.turnOf", model.get("turn"), model.get("about")));
    model.put("takenText", catalog.get("scenario.play.turnsTaken", model.get("taken"), model.get("about")));
    model.put("error", "choice".equals(error) && "turn".equals(model.get("kind")) ? "choice" : null);
    return pages.render(ctx, "scenario/play", model);
  }

  private Future<Void> renderChanged(RoutingContext ctx, PlayRequest r, AttemptRow a) {
    LOG.info("scenario attempt cannot continue reason=content_changed scenario={} attempt={}", r.id(), a.id());
    Map<String, Object> model = r.model();
    model.put("latestNo", a.attemptNo());
    model.put("score", a.score());
    model.put("completed", a.completed());
    return pages.render(ctx, "scenario/changed", model);
  }

  /** The attempt's state, or empty when the scenario changed since it started (hash, or a step no longer valid). */
  private Optional<PlayState> replay(PlayRequest r, AttemptRow a) {
    if (!a.contentHash().equals(r.engine().scenario().contentHash())) {
      return Optional.empty();
    }
    try {
      return Optional.of(r.engine().replay(a.steps()));
    } catch (InvalidChoiceException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  private Future<Optional<AttemptRow>> latest(PlayRequest r) {
    return play.attempts().latest(core.pool(), r.owner(), r.id());
  }

  private PlayRequest req(RoutingContext ctx) {
    LaunchContext launch = SessionHandler.current(ctx);
    String id = ctx.pathParam("id");
    Engine engine = library.engine(id).orElseThrow(() -> new HttpProblem(404, "unknown-scenario",
        "scenario.error.unknown.title", "scenario.error.unknown.detail", id));
    if (!launch.anonymous() && !launch.isTrainer() && !play.runs(launch, id)) {
      LOG.info("scenario refused reason=not-in-activity scenario={} activity={}", id,
          launch.custom("activity").orElse(""));
      throw new HttpProblem(404, "scenario-not-in-activity", "scenario.error.notInActivity.title",
          "scenario.error.notInActivity.detail", id);
    }
    PageModels pm = models.computeIfAbsent(id + "|" + Messages.normalise(launch.locale()),
        k -> new PageModels(engine.scenario().scenario(), texts.of(id, launch.locale())));
    return new PlayRequest(launch, engine, pm, ctx.request().getParam("notice"), play.containerPath(launch, id));
  }

  private static HttpProblem attemptNotFound() {
    return new HttpProblem(404, "attempt-not-found", "scenario.error.attempt.title", "scenario.error.attempt.detail");
  }

  private static UUID uuid(String s) {
    try {
      return UUID.fromString(s == null ? "" : s);
    } catch (IllegalArgumentException e) {
      throw new HttpProblem(404, "attempt-not-found", "scenario.error.attempt.title", "scenario.error.attempt.detail");
    }
  }

  private static int parseInt(String s) {
    try {
      return s == null ? 0 : Math.max(0, Integer.parseInt(s.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
