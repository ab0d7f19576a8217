package uk.isafe.practice.gradebook;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.isafe.practice.gradebook.stats.Suppression;
import uk.isafe.practice.scenario.model.Choice;
import uk.isafe.practice.scenario.model.Node;
import uk.isafe.practice.web.Pages;

/**
 * What the cohort chose in one scenario, for planning a debrief: per node, the share of choices that went to each
 * reply (“42% chose the confronting reply here”), the most common paths and the endings. Shown only when at least
 * five learners have attempted it.
 */
final class ScenarioRoutes {
  private final Pool pool;
  private final Pages pages;
  private final DistributionRepository distributions;
  private final ScenarioTexts texts;

  ScenarioRoutes(Pool pool, Pages pages, DistributionRepository distributions, ScenarioTexts texts) {
    this.pool = pool;
    this.pages = pages;
    this.distributions = distributions;
    this.texts = texts;
  }

  record ChoiceShare(String choiceId, String text, List<String> tags, long count, long percent, boolean top) {
  }

  record NodeShare(String nodeId, String prompt, long total, List<ChoiceShare> choices, ChoiceShare top) {
  }

  record PathView(List<String> steps, String ending, long count) {
  }

  void scenario(RoutingContext ctx) {
    CourseScope scope = CourseScope.of(ctx);
    String scenarioId = ctx.pathParam("scenarioId");
    distributions.load(pool, scope.courseId(), scenarioId)
        .compose(raw -> {
          if (raw.attempts() == 0) {
            return Future.failedFuture(LearnerRoutes.missing("unknown-scenario", "gradebook.error.scenario.detail"));
          }
          Map<String, Object> model = new HashMap<>();
          model.put("base", scope.base());
          model.put("title", texts.title(scenarioId));
          model.put("learners", raw.learners());
          model.put("attempts", raw.attempts());
          model.put("completed", raw.completed());
          boolean shown = Suppression.forCohortFigures((int) raw.learners()) == Suppression.Reason.NONE;
          model.put("shown", shown);
          if (shown) {
            model.put("nodes", nodes(scenarioId, raw.choices()));
            model.put("paths", paths(scenarioId, raw.paths()));
            model.put("endings", raw.endings().stream().map(e -> Map.of(
                "title", texts.endingTitle(scenarioId, e.endingNode()),
                "outcome", e.outcome() == null ? "" : e.outcome(), "count", e.count())).toList());
          }
          return pages.render(ctx, "gradebook/scenario", model);
        })
        .onFailure(ctx::fail);
  }

  /** Nodes in authored order (ids first seen in the data for content no longer in the library). */
  private List<NodeShare> nodes(String scenarioId, List<DistributionRepository.ChoiceCount> counts) {
    Map<String, List<DistributionRepository.ChoiceCount>> byNode = new LinkedHashMap<>();
    for (Node n : texts.turns(scenarioId)) {
      byNode.put(n.id(), new ArrayList<>());
    }
    counts.forEach(c -> byNode.computeIfAbsent(c.nodeId(), k -> new ArrayList<>()).add(c));
    List<NodeShare> out = new ArrayList<>();
    byNode.forEach((nodeId, list) -> {
      long total = list.stream().mapToLong(DistributionRepository.ChoiceCount::count).sum();
      if (total == 0) {
        return;
      }
      Map<String, Long> byChoice = new LinkedHashMap<>();
      texts.node(scenarioId, nodeId).ifPresent(n -> n.choices().forEach(c -> byChoice.put(c.id(), 0L)));
      list.forEach(c -> byChoice.put(c.choiceId(), c.count()));
      long max = byChoice.values().stream().mapToLong(Long::longValue).max().orElse(0);
      List<ChoiceShare> shares = new ArrayList<>();
      byChoice.forEach((choiceId, n) -> {
        Choice c = texts.choice(scenarioId, nodeId, choiceId).orElse(null);
        shares.add(new ChoiceShare(choiceId, c == null ? choiceId : c.text(), c == null ? List.of() : c.tags(), n,
            Math.round(100.0 * n / total), n == max));
      });
      ChoiceShare top = shares.stream().filter(ChoiceShare::top).findFirst().orElse(null);
      out.add(new NodeShare(nodeId, texts.prompt(scenarioId, nodeId).orElse(null), total, shares, top));
    });
    return out;
  }

  private List<PathView> paths(String scenarioId, List<DistributionRepository.PathCount> paths) {
    List<PathView> out = new ArrayList<>();
    for (DistributionRepository.PathCount p : paths) {
      List<String> steps = p.steps().stream().map(s -> texts.choice(scenarioId, s[0], s[1]).map(Choice::text)
          .orElse(s[0] + " → " + s[1])).toList();
      out.add(new PathView(steps, texts.endingTitle(scenarioId, p.endingNode()), p.count()));
    }
    return out;
  }
}
