package uk.isafe.practice.assessment.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import uk.isafe.practice.assessment.instrument.Instrument;
import uk.isafe.practice.assessment.instrument.Scale;
import uk.isafe.practice.assessment.instrument.Wave;
import uk.isafe.practice.assessment.scoring.Change;
import uk.isafe.practice.assessment.scoring.ScaleScore;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.session.SessionHandler;
import uk.isafe.practice.web.Messages;

/**
 * A completed wave: the learner's own answers, read-only, and after post their before and after scale means as an SVG
 * chart with its text equivalent (a table and a sentence per scale). The retrospective block is reported on its own.
 */
final class CompletedPage {
  private static final Set<String> RESULTS = Set.of(WaveCompletion.QUEUED, WaveCompletion.NOT_SENT,
      WaveCompletion.INCOMPLETE);
  private final Core core;
  private final ResponseRepository responses;

  CompletedPage(Core core, ResponseRepository responses) {
    this.core = core;
    this.responses = responses;
  }

  /** One table row and sentence of the change view. */
  record ChangeRow(String title, String pre, String post, String difference, String retrospective, String sentence) {
  }

  Future<Void> render(RoutingContext ctx, WaveRoutes.Target t, ResponseRow row, Optional<ResponseRow> pre) {
    LaunchContext launch = SessionHandler.current(ctx);
    boolean post = Wave.POST.equals(t.wave().id());
    Future<List<ScaleScore>> mine = responses.scores(core.pool(), row.id());
    Future<List<ScaleScore>> before = post && pre.isPresent() && pre.get().completed()
        ? responses.scores(core.pool(), pre.get().id()) : Future.succeededFuture(List.of());
    return Future.all(mine, before).compose(x -> {
      Map<String, Object> model = new HashMap<>();
      model.put("instrument", t.instrument());
      model.put("wave", t.wave().id());
      String result = ctx.request().getParam("result");
      if (result != null && RESULTS.contains(result)) {
        model.put("result", result);
      }
      Optional<Scale> confidence = t.instrument().confidenceScale();
      boolean confidenceIncomplete = confidence.isPresent() && mine.result().stream()
          .anyMatch(s -> s.scaleId().equals(confidence.get().id()) && !s.retrospective() && !s.complete());
      model.put("confidenceIncomplete", confidenceIncomplete);
      model.put("sections", WaveViews.answered(t.instrument(), t.sections(), row.answers(),
          row.retrospectiveAnswers()));
      launch.custom("activity").filter(a -> a.startsWith("pathway:"))
          .ifPresent(a -> model.put("pathwayPath", "/pathway/" + a.substring("pathway:".length())));
      if (post) {
        model.put("hasPre", !before.result().isEmpty());
        addChange(ctx, model, t.instrument(), before.result(), mine.result());
      }
      return core.pages().render(ctx, "assessment/completed", model);
    });
  }

  private void addChange(RoutingContext ctx, Map<String, Object> model, Instrument instrument,
      List<ScaleScore> pre, List<ScaleScore> post) {
    Messages.Catalog m = core.pages().catalog(ctx);
    List<ChangeRow> rows = new ArrayList<>();
    List<ChangeChart.Entry> entries = new ArrayList<>();
    List<String> retrospectiveSentences = new ArrayList<>();
    for (Change c : Change.between(pre, post)) {
      Scale scale = instrument.scale(c.scaleId()).orElseThrow();
      String preText = WaveViews.number(c.pre());
      String postText = WaveViews.number(c.post());
      String diff = c.difference().isPresent() ? signed(c.difference().getAsDouble()) : null;
      String retro = WaveViews.number(c.retrospective());
      rows.add(new ChangeRow(scale.title(), preText, postText, diff, retro, sentence(m, scale, c, preText, postText)));
      entries.add(new ChangeChart.Entry(scale.title(), scale.max(), c.pre(),
          label(m, "assessment.chart.before", c.pre(), scale.max()), c.post(),
          label(m, "assessment.chart.after", c.post(), scale.max())));
      if (retro != null) {
        retrospectiveSentences.add(m.get("assessment.retrospective.sentence", scale.title(), retro, scale.max(),
            preText == null ? m.get("assessment.retrospective.noPre") : preText));
      }
    }
    model.put("changes", rows);
    model.put("chart", ChangeChart.of(entries));
    model.put("retrospectiveSentences", retrospectiveSentences);
  }

  private static String label(Messages.Catalog m, String key, OptionalDouble mean, int max) {
    return mean.isPresent() ? m.get(key, WaveViews.number(mean), max) : m.get(key + ".none");
  }

  private static String sentence(Messages.Catalog m, Scale scale, Change c, String pre, String post) {
    if (post == null) {
      return m.get("assessment.change.noPost", scale.title());
    }
    if (pre == null) {
      return m.get("assessment.change.noPre", scale.title(), post, scale.max());
    }
    int cmp = Double.compare(Double.parseDouble(post), Double.parseDouble(pre));
    String key = cmp > 0 ? "assessment.change.rose" : cmp < 0 ? "assessment.change.fell" : "assessment.change.same";
    return m.get(key, scale.title(), pre, post, scale.max());
  }

  private static String signed(double d) {
    String n = WaveViews.number(Math.abs(d));
    if (n.equals("0.0")) {
      return "0.0";
    }
    return (d > 0 ? "+" : "−") + n;
  }
}
