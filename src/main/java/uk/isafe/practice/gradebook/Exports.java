package uk.isafe.practice.gradebook;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import uk.isafe.practice.gradebook.export.Csv;
import uk.isafe.practice.web.Messages;

/** The two CSV downloads: the cohort table and every choice made. Headings come from the bundle. */
final class Exports {
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private Exports() {
  }

  static String cohort(Cohort cohort, ScenarioTexts texts, Messages.Catalog m) {
    Set<String> competencies = new TreeSet<>();
    cohort.rows().forEach(r -> r.scenarios().values().forEach(c -> competencies.addAll(c.competencies().keySet())));
    List<Object> head = new ArrayList<>(List.of(m.get("gradebook.csv.personId"), m.get("gradebook.csv.learner"),
        m.get("gradebook.csv.status"), m.get("gradebook.csv.attempts")));
    for (String s : cohort.scaleKeys()) {
      String label = CohortView.label(s);
      head.add(m.get("gradebook.csv.pre", label));
      head.add(m.get("gradebook.csv.retrospective", label));
      head.add(m.get("gradebook.csv.post", label));
      head.add(m.get("gradebook.csv.change", label));
      head.add(m.get("gradebook.csv.followUp", label));
      head.add(m.get("gradebook.csv.changeFollowUp", label));
      head.add(m.get("gradebook.csv.sharedOnly", label));
    }
    for (String id : cohort.scenarioIds()) {
      String title = texts.title(id);
      head.add(m.get("gradebook.csv.scenarioAttempts", title));
      head.add(m.get("gradebook.csv.best", title));
      head.add(m.get("gradebook.csv.latest", title));
      for (String c : competencies) {
        head.add(m.get("gradebook.csv.competency", title, competency(m, c)));
      }
    }
    head.add(m.get("gradebook.csv.delivery"));
    Csv csv = new Csv().row(head);
    for (Cohort.Row r : cohort.rows()) {
      List<Object> row = new ArrayList<>(List.of(r.personId(), r.name(),
          m.get("gradebook.status." + r.status().key()), r.attempts()));
      for (String s : cohort.scaleKeys()) {
        Cohort.ScaleCell c = r.scales().get(s);
        row.add(Fmt.round2(c.pre()));
        row.add(Fmt.round2(c.retrospective()));
        row.add(Fmt.round2(c.post()));
        row.add(Fmt.round2(c.change()));
        row.add(Fmt.round2(c.followUp()));
        row.add(Fmt.round2(c.followUpChange()));
        row.add(m.get(c.sharedOnly() ? "gradebook.csv.yes" : "gradebook.csv.no"));
      }
      for (String id : cohort.scenarioIds()) {
        Cohort.ScenarioCell c = r.scenarios().get(id);
        row.add(c == null ? 0 : c.attempts());
        row.add(c == null ? null : Fmt.round2(c.best()));
        row.add(c == null ? null : Fmt.round2(c.latest()));
        for (String comp : competencies) {
          Double v = c == null ? null : c.competencies().get(comp);
          row.add(v == null ? null : Fmt.round2(v * 100));
        }
      }
      row.add(m.get("gradebook.delivery." + (r.delivery() == null ? "unknown" : r.delivery())));
      csv.row(row);
    }
    return csv.toString();
  }

  static String choices(List<AttemptRepository.ExportedChoice> choices, ScenarioTexts texts, Messages.Catalog m) {
    Csv csv = new Csv().row(m.get("gradebook.csv.personId"), m.get("gradebook.csv.learner"),
        m.get("gradebook.csv.scenario"), m.get("gradebook.csv.version"), m.get("gradebook.csv.attemptNo"),
        m.get("gradebook.csv.attemptStatus"), m.get("gradebook.csv.seq"), m.get("gradebook.csv.node"),
        m.get("gradebook.csv.choice"), m.get("gradebook.csv.choiceText"), m.get("gradebook.csv.tags"),
        m.get("gradebook.csv.chosenAt"));
    for (AttemptRepository.ExportedChoice c : choices) {
      String text = c.choiceId() == null || c.choiceId().isEmpty() ? "" : texts.choice(c.scenarioId(), c.nodeId(),
          c.choiceId()).map(ch -> ch.text()).orElse("");
      csv.row(c.personId(), c.name(), c.scenarioId(), c.version(), c.attemptNo(), c.status(), c.seq(), c.nodeId(),
          c.choiceId(), text, String.join(" ", c.tags()),
          c.chosenAt() == null ? null : c.chosenAt().withOffsetSameInstant(ZoneOffset.UTC).format(UTC));
    }
    return csv.toString();
  }

  static String competency(Messages.Catalog m, String id) {
    String key = "gradebook.competency." + id;
    return m.has(key) ? m.get(key) : id;
  }

  static Future<Void> send(RoutingContext ctx, String name, String body) {
    return ctx.response()
        .putHeader("Content-Type", Csv.CONTENT_TYPE)
        .putHeader("Content-Disposition", "attachment; filename=\"gradebook-" + name + ".csv\"")
        .putHeader("Cache-Control", "no-store")
        .end(body);
  }
}
