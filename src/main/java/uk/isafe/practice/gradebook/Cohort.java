package uk.isafe.practice.gradebook;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cohort table: one row per learner with, per scale, the pre, post and follow-up means, the retrospective
 * ("thinking back") mean beside the pre, and the change pre → post and pre → follow-up; each scenario’s best and latest score
 * with its competency breakdown, attempts, status and grade delivery. Plain Java (no Vert.x): built from
 * {@link CohortData}, then sorted and filtered as the trainer asks.
 */
public final class Cohort {
  /** Not started: nothing recorded. Completed: every expected scenario completed and, if expected, the post wave. */
  public enum Status {
    NOT_STARTED, IN_PROGRESS, COMPLETED;

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /** A learner's pre → later-wave pair on the same items; {@code sharedOnly} when versions share only some. */
  public record Pair(double from, double to, boolean sharedOnly) {
    public double change() {
      return to - from;
    }
  }

  /**
   * One learner's figures on one scale. {@code pre}, {@code post} and {@code followUp} are each wave's own mean; the
   * pairs are what changes are worked out from (the same as those means unless versions differ).
   */
  public record ScaleCell(Double pre, Double post, Double followUp, Double retrospective, Pair toPost,
      Pair toFollowUp) {
    public ScaleCell(Double pre, Double post) {
      this(pre, post, null, null, pre == null || post == null ? null : new Pair(pre, post, false), null);
    }

    /** Pre → post change, or null. */
    public Double change() {
      return toPost == null ? null : toPost.change();
    }

    /** Pre → follow-up change, or null. */
    public Double followUpChange() {
      return toFollowUp == null ? null : toFollowUp.change();
    }

    public boolean sharedOnly() {
      return toPost != null && toPost.sharedOnly() || toFollowUp != null && toFollowUp.sharedOnly();
    }
  }

  public record ScenarioCell(int attempts, int completed, Double best, Double latest,
      Map<String, Double> competencies) {
  }

  public record Row(long personId, String name, Status status, int attempts, Map<String, ScaleCell> scales,
      Map<String, ScenarioCell> scenarios, String delivery) {
  }

  private final List<Row> rows;
  private final List<String> scaleKeys;
  private final List<String> scenarioIds;

  private Cohort(List<Row> rows, List<String> scaleKeys, List<String> scenarioIds) {
    this.rows = rows;
    this.scaleKeys = scaleKeys;
    this.scenarioIds = scenarioIds;
  }

  public static Cohort of(CohortData data) {
    Set<String> scales = new TreeSet<>();
    Map<Long, Map<String, Map<String, CohortData.ScaleScore>>> scaleByPerson = new HashMap<>();
    for (CohortData.ScaleScore s : data.scales()) {
      scales.add(s.key());
      scaleByPerson.computeIfAbsent(s.personId(), k -> new HashMap<>()).computeIfAbsent(s.key(), k -> new HashMap<>())
          .put(s.retrospective() ? RETROSPECTIVE : s.wave(), s);
    }
    Map<Long, Map<String, CohortData.Comparison>> compared = new HashMap<>();
    for (CohortData.Comparison c : data.comparisons()) {
      compared.computeIfAbsent(c.personId(), k -> new HashMap<>()).put(c.key() + "@" + c.toWave(), c);
    }
    Map<Long, Map<String, ScenarioCell>> scenByPerson = new HashMap<>();
    for (CohortData.ScenarioSummary s : data.scenarios()) {
      scenByPerson.computeIfAbsent(s.personId(), k -> new LinkedHashMap<>()).put(s.scenarioId(),
          new ScenarioCell(s.attempts(), s.completed(), s.bestScore(), s.latestScore(), s.bestCompetencies()));
    }
    List<String> scenarioIds = List.copyOf(new TreeSet<>(data.expectedScenarios()));
    List<Row> rows = new ArrayList<>();
    for (CohortData.Learner l : data.learners()) {
      Map<String, ScaleCell> cells = new LinkedHashMap<>();
      Map<String, Map<String, CohortData.ScaleScore>> mine = scaleByPerson.getOrDefault(l.personId(), Map.of());
      Map<String, CohortData.Comparison> myComparisons = compared.getOrDefault(l.personId(), Map.of());
      for (String key : scales) {
        Map<String, CohortData.ScaleScore> byWave = mine.getOrDefault(key, Map.of());
        cells.put(key, new ScaleCell(mean(byWave, "pre"), mean(byWave, "post"), mean(byWave, "follow-up"),
            mean(byWave, RETROSPECTIVE), pair(byWave, myComparisons.get(key + "@post"), "post"),
            pair(byWave, myComparisons.get(key + "@follow-up"), "follow-up")));
      }
      Map<String, ScenarioCell> scen = scenByPerson.getOrDefault(l.personId(), Map.of());
      int attempts = scen.values().stream().mapToInt(ScenarioCell::attempts).sum();
      Set<String> waves = data.assessmentWavesStarted().getOrDefault(l.personId(), Set.of());
      rows.add(new Row(l.personId(), l.name(), status(data, scen, waves, cells), attempts, cells, scen,
          data.delivery().get(l.personId())));
    }
    rows.sort(Comparator.comparing(Row::name, String.CASE_INSENSITIVE_ORDER).thenComparing(Row::personId));
    return new Cohort(List.copyOf(rows), List.copyOf(scales), scenarioIds);
  }

  private static final String RETROSPECTIVE = "retrospective";

  private static Double mean(Map<String, CohortData.ScaleScore> byWave, String wave) {
    CohortData.ScaleScore s = byWave.get(wave);
    return s == null ? null : s.mean();
  }

  /**
   * The pre → {@code wave} pair: the assessment's stored comparison when there is one (the only way across
   * versions), otherwise the two waves' own means when both were answered under the same version.
   */
  private static Pair pair(Map<String, CohortData.ScaleScore> byWave, CohortData.Comparison stored, String wave) {
    if (stored != null) {
      return stored.from() == null || stored.to() == null ? null
          : new Pair(stored.from(), stored.to(), stored.sharedOnly());
    }
    CohortData.ScaleScore pre = byWave.get("pre");
    CohortData.ScaleScore later = byWave.get(wave);
    return pre == null || later == null || pre.version() != later.version() ? null
        : new Pair(pre.mean(), later.mean(), false);
  }

  private static Status status(CohortData data, Map<String, ScenarioCell> scen, Set<String> waves,
      Map<String, ScaleCell> scales) {
    if (scen.isEmpty() && waves.isEmpty()) {
      return Status.NOT_STARTED;
    }
    boolean scenariosDone = data.expectedScenarios().stream()
        .allMatch(id -> scen.containsKey(id) && scen.get(id).completed() > 0);
    boolean postDone = !data.postAssessmentExpected()
        || scales.values().stream().anyMatch(c -> c.post() != null);
    return scenariosDone && postDone ? Status.COMPLETED : Status.IN_PROGRESS;
  }

  public List<Row> rows() {
    return rows;
  }

  public List<String> scaleKeys() {
    return scaleKeys;
  }

  public List<String> scenarioIds() {
    return scenarioIds;
  }

  public long count(Status s) {
    return rows.stream().filter(r -> r.status() == s).count();
  }

  /** Rows with the given status (all when null), sorted by {@code sort} (see {@link #sortKeys}); nulls last. */
  public List<Row> view(Status filter, String sort, boolean descending) {
    Comparator<Row> byName = Comparator.comparing(Row::name, String.CASE_INSENSITIVE_ORDER);
    Comparator<Row> order = switch (sortKind(sort)) {
      case "status" -> Comparator.comparing(Row::status);
      case "attempts" -> Comparator.comparingInt(Row::attempts);
      case "pre", "post", "change", "followup", "change-followup" -> nullsLast(r -> scaleValue(r, sort), descending);
      case "scenario" -> nullsLast(r -> {
        ScenarioCell c = r.scenarios().get(sort.substring("scenario:".length()));
        return c == null ? null : c.best();
      }, descending);
      default -> byName;
    };
    if (descending && !isNullable(sort)) {
      order = order.reversed();
    }
    List<Row> out = new ArrayList<>();
    for (Row r : rows) {
      if (filter == null || r.status() == filter) {
        out.add(r);
      }
    }
    out.sort(order.thenComparing(byName).thenComparing(Row::personId));
    return out;
  }

  /**
   * The sort keys this cohort understands: name, status, attempts, pre:/post:/change:/followup:/change-followup:
   * {@code <scale>}, scenario:{@code <id>}.
   */
  public List<String> sortKeys() {
    List<String> keys = new ArrayList<>(List.of("name", "status", "attempts"));
    for (String s : scaleKeys) {
      keys.add("pre:" + s);
      keys.add("post:" + s);
      keys.add("change:" + s);
      keys.add("followup:" + s);
      keys.add("change-followup:" + s);
    }
    scenarioIds.forEach(id -> keys.add("scenario:" + id));
    return keys;
  }

  private static String sortKind(String sort) {
    int colon = sort == null ? -1 : sort.indexOf(':');
    return sort == null ? "name" : colon < 0 ? sort : sort.substring(0, colon);
  }

  private static boolean isNullable(String sort) {
    return switch (sortKind(sort)) {
      case "pre", "post", "change", "followup", "change-followup", "scenario" -> true;
      default -> false;
    };
  }

  private static Double scaleValue(Row r, String sort) {
    int colon = sort.indexOf(':');
    ScaleCell c = r.scales().get(sort.substring(colon + 1));
    if (c == null) {
      return null;
    }
    return switch (sort.substring(0, colon)) {
      case "pre" -> c.pre();
      case "post" -> c.post();
      case "followup" -> c.followUp();
      case "change-followup" -> c.followUpChange();
      default -> c.change();
    };
  }

  /** Orders by a nullable number, missing values last in either direction. */
  private static Comparator<Row> nullsLast(java.util.function.Function<Row, Double> f, boolean descending) {
    Comparator<Double> values = descending ? Comparator.<Double>reverseOrder() : Comparator.<Double>naturalOrder();
    return Comparator.comparing(f, Comparator.nullsLast(values));
  }
}
