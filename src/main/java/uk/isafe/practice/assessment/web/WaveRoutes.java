package uk.isafe.practice.assessment.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.assessment.instrument.FollowUpSchedule;
import uk.isafe.practice.assessment.instrument.Instrument;
import uk.isafe.practice.assessment.instrument.Item;
import uk.isafe.practice.assessment.instrument.Wave;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.session.SessionHandler;
import uk.isafe.practice.web.HttpProblem;

/**
 * {@code GET/POST /assessment/:instrument/:wave}: one section (scale) per page, saved on every "Save and continue",
 * so a reload or a validation error never loses answers. Missing answers get an error summary linking to each
 * question; the learner may then answer them or skip them. An optional script also saves each answer as it is
 * chosen ({@code action=autosave}); nothing depends on it. A completed wave shows the learner's answers instead of a
 * second copy (and, after post, their change). Everything is read and written for the current launch's course and
 * person only.
 */
final class WaveRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(WaveRoutes.class);
  /** The optional script's save of the answers so far (no validation, no page): 204, or 409 once completed. */
  static final String AUTOSAVE = "autosave";
  private final Core core;
  private final Supplier<AssessmentContent> content;
  private final ResponseRepository responses = new ResponseRepository();
  private final WaveCompletion completion;
  private final CompletedPage completedPage;

  WaveRoutes(Core core, Supplier<AssessmentContent> content) {
    this.core = core;
    this.content = content;
    this.completion = new WaveCompletion(core, responses, content);
    this.completedPage = new CompletedPage(core, responses, content);
  }

  /** The instrument and wave of the URL, or a 404 that says which is unknown. */
  record Target(Instrument instrument, Wave wave, List<Instrument.Section> sections) {
    Optional<Instrument.Section> section(String id) {
      return sections.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    String path() {
      return "/assessment/" + instrument.id() + "/" + wave.id();
    }
  }

  private Target target(RoutingContext ctx) {
    String instrumentId = ctx.pathParam("instrument");
    String waveId = ctx.pathParam("wave");
    Instrument instrument = content.get().instruments().find(instrumentId).orElseThrow(() -> new HttpProblem(404,
        "unknown-instrument", "assessment.error.unknownInstrument.title", "assessment.error.unknownInstrument.detail"));
    Wave wave = instrument.wave(waveId).orElseThrow(() -> new HttpProblem(404, "unknown-wave",
        "assessment.error.unknownWave.title", "assessment.error.unknownWave.detail"));
    return new Target(instrument, wave, instrument.sections(wave));
  }

  static ResponseRepository.Key key(LaunchContext launch, Target t, String wave) {
    return new ResponseRepository.Key(launch.courseId(), launch.personId().orElseThrow(), t.instrument().id(), wave);
  }

  Future<Void> show(RoutingContext ctx) {
    LaunchContext launch = SessionHandler.current(ctx);
    Target t = target(ctx);
    if (launch.anonymous()) {
      return core.pages().render(ctx, "assessment/anonymous", Map.of("instrument", t.instrument()));
    }
    Future<Optional<ResponseRow>> mine = find(launch, t, t.wave().id());
    Future<Optional<ResponseRow>> pre = Wave.PRE.equals(t.wave().id()) ? Future.succeededFuture(Optional.empty())
        : find(launch, t, Wave.PRE);
    Future<Optional<ResponseRow>> post = t.wave().isFollowUp() ? find(launch, t, Wave.POST)
        : Future.succeededFuture(Optional.empty());
    return Future.all(mine, pre, post).compose(all -> {
      Optional<ResponseRow> row = mine.result();
      if (row.isPresent() && row.get().completed()) {
        return completedPage.render(ctx, t, row.get(), pre.result());
      }
      if (t.wave().isFollowUp()) {
        FollowUpSchedule.Status when = followUpStatus(t, post.result());
        if (!when.open()) {
          return renderNotYet(ctx, t, when);
        }
      }
      boolean preDone = pre.result().map(ResponseRow::completed).orElse(false);
      boolean postOnlyLink = launch.custom("activity").map(a -> a.equals("assessment:" + t.instrument().id() + ":"
          + Wave.POST)).orElse(false);
      if (Wave.POST.equals(t.wave().id()) && !preDone && !postOnlyLink && t.instrument().wave(Wave.PRE).isPresent()) {
        return core.pages().render(ctx, "assessment/pre-first", Map.of("instrument", t.instrument(),
            "prePath", "/assessment/" + t.instrument().id() + "/" + Wave.PRE));
      }
      ResponseRow r = row.orElse(null);
      Instrument.Section section = Optional.ofNullable(ctx.request().getParam("section")).flatMap(t::section)
          .orElseGet(() -> firstUnfinished(t, r));
      boolean noPre = !Wave.PRE.equals(t.wave().id()) && !preDone && t.instrument().wave(Wave.PRE).isPresent();
      return renderStep(ctx, 200, t, section, r, Map.of(), Set.of(), noPre);
    });
  }

  private Future<Optional<ResponseRow>> find(LaunchContext launch, Target t, String wave) {
    return responses.find(core.pool(), launch.courseId(), launch.personId().orElseThrow(), t.instrument().id(), wave);
  }

  /** When this learner's follow-up opens, from their completed post wave and the server's clock. */
  private FollowUpSchedule.Status followUpStatus(Target t, Optional<ResponseRow> post) {
    Optional<java.time.Instant> postDone = post.filter(ResponseRow::completed).map(r -> r.completedAt().toInstant());
    return FollowUpSchedule.status(postDone, t.wave(), core.clock().instant());
  }

  /** The follow-up opened early: the date it opens, or that the after questionnaire comes first. */
  private Future<Void> renderNotYet(RoutingContext ctx, Target t, FollowUpSchedule.Status when) {
    Map<String, Object> model = new HashMap<>();
    model.put("instrument", t.instrument());
    model.put("days", t.wave().followUpDays());
    model.put("awaitingPost", when.state() == FollowUpSchedule.State.AWAITING_POST);
    when.opensOn().ifPresent(d -> model.put("opensOn", WaveViews.date(d, core.pages().catalog(ctx))));
    LOG.info("assessment follow-up not open yet instrument={} state={}", t.instrument().id(), when.state());
    return core.pages().render(ctx, "assessment/follow-up-not-yet", model);
  }

  private static Instrument.Section firstUnfinished(Target t, ResponseRow row) {
    Set<String> done = row == null ? Set.of() : row.sectionsDone();
    return t.sections().stream().filter(s -> !done.contains(s.id())).findFirst().orElse(t.sections().get(0));
  }

  private Future<Void> renderStep(RoutingContext ctx, int status, Target t, Instrument.Section section,
      ResponseRow row, Map<String, Integer> posted, Set<String> missing, boolean noPre) {
    Map<String, Integer> answers = new HashMap<>();
    if (row != null) {
      answers.putAll(section.isRetrospective() ? row.retrospectiveAnswers() : row.answers());
    }
    answers.putAll(posted);
    int index = t.sections().indexOf(section);
    Map<String, Object> model = new HashMap<>();
    model.put("instrument", t.instrument());
    model.put("wave", t.wave().id());
    model.put("path", t.path());
    model.put("section", section);
    model.put("title", section.isRetrospective() ? section.retrospective().title() : section.scale().title());
    model.put("question", section.isRetrospective() ? section.retrospective().question()
        : section.scale().question());
    model.put("part", index + 1);
    model.put("parts", t.sections().size());
    model.put("first", index == 0);
    model.put("last", index == t.sections().size() - 1);
    model.put("noPre", noPre);
    model.put("intro", t.instrument().intro(t.wave()));
    if (index > 0) {
      model.put("backPath", t.path() + "?section=" + t.sections().get(index - 1).id());
    }
    model.put("items", WaveViews.items(section, answers, missing));
    model.put("errors", WaveViews.errors(section, missing));
    return core.pages().render(ctx, status, "assessment/step", model);
  }

  Future<Void> save(RoutingContext ctx) {
    LaunchContext launch = SessionHandler.current(ctx);
    Target t = target(ctx);
    if (launch.anonymous()) {
      throw new HttpProblem(403, "anonymous-assessment", "assessment.anonymous.title", "assessment.anonymous.detail");
    }
    String sectionId = ctx.request().getFormAttribute("section");
    Instrument.Section section = Optional.ofNullable(sectionId).flatMap(t::section).orElseThrow(() ->
        HttpProblem.badRequest("unknown-section", "assessment.error.unknownSection.detail"));
    Map<String, Integer> given = new LinkedHashMap<>();
    Set<String> missing = new LinkedHashSet<>();
    for (Item item : section.scale().items()) {
      Optional<Integer> v = parse(ctx.request().getFormAttribute(WaveViews.FIELD_PREFIX + item.id()));
      if (v.isPresent() && section.scale().accepts(v.get())) {
        given.put(item.id(), v.get());
      } else {
        missing.add(item.id());
      }
    }
    Future<Void> open = !t.wave().isFollowUp() ? Future.succeededFuture() : find(launch, t, Wave.POST).compose(post ->
        followUpStatus(t, post).open() ? Future.succeededFuture() : Future.failedFuture(new HttpProblem(403,
            "follow-up-not-open", "assessment.followUp.notOpen.title", "assessment.followUp.notOpen.detail")));
    return open.compose(v -> save(ctx, launch, t, section, given, missing));
  }

  private Future<Void> save(RoutingContext ctx, LaunchContext launch, Target t, Instrument.Section section,
      Map<String, Integer> given, Set<String> missing) {
    String action = ctx.request().getFormAttribute("action");
    boolean autosave = AUTOSAVE.equals(action);
    boolean done = !autosave && (missing.isEmpty() || "skip".equals(action));
    ResponseRepository.Key key = key(launch, t, t.wave().id());
    Long link = launch.resourceLinkId().orElse(null);
    return core.pool().withTransaction(tx -> responses.save(tx, key, link, t.instrument().version(),
            section.isRetrospective() ? Map.of() : given, section.isRetrospective() ? given : Map.of(),
            done ? List.of(section.id()) : List.of(), autosave ? section.id() : null)
        .compose(saved -> {
          if (saved.isEmpty()) {
            return Future.succeededFuture(WaveCompletion.Outcome.alreadyCompleted());
          }
          Future<Void> started = saved.get().inserted()
              ? core.grades().recordStarted(tx, launch, AssessmentActivities.confidence(t.wave().id()).name(), activityKey(t))
              : Future.succeededFuture();
          ResponseRow row = saved.get().row();
          boolean allDone = t.sections().stream().allMatch(s -> row.sectionsDone().contains(s.id()));
          return started.compose(v -> done && allDone
              ? completion.complete(tx, core.pages().catalog(ctx), launch, t, row)
              : Future.succeededFuture(WaveCompletion.Outcome.saved(row)));
        }))
        .compose(outcome -> {
          if (autosave) {
            return ctx.response().setStatusCode(outcome.row() == null ? 409 : 204).end();
          }
          if (outcome.row() == null) {
            LOG.info("assessment save ignored reason=already-completed instrument={} wave={}", t.instrument().id(),
                t.wave().id());
            return core.pages().redirect(ctx, t.path());
          }
          if (outcome.completed()) {
            return core.pages().redirect(ctx, t.path() + "?result=" + outcome.delivery());
          }
          if (!done) {
            return renderStep(ctx, 400, t, section, outcome.row(), given, missing, false);
          }
          return core.pages().redirect(ctx, t.path() + "?section=" + nextSection(t, section, outcome.row()).id());
        });
  }

  static String activityKey(Target t) {
    return "assessment:" + t.instrument().id() + ":" + t.wave().id();
  }

  private static Instrument.Section nextSection(Target t, Instrument.Section current, ResponseRow row) {
    List<Instrument.Section> after = new ArrayList<>(t.sections().subList(t.sections().indexOf(current) + 1,
        t.sections().size()));
    after.addAll(t.sections());
    return after.stream().filter(s -> !row.sectionsDone().contains(s.id())).findFirst().orElse(current);
  }

  private static Optional<Integer> parse(String v) {
    if (v == null || v.isBlank() || v.length() > 3) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(v.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
