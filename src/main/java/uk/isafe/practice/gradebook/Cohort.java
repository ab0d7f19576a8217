package uk.isafe.practice.gradebook;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cohort table: one row per learner with pre, post and change per scale, each scenario’s best and latest score
 * with its competency breakdown, attempts, which of the course’s activities are finished, status and grade
 * delivery. Plain Java (no Vert.x): built from {@link CohortData}, then sorted and filtered as the trainer asks.
 */
public final class Cohort {
  /**
   * Not started: nothing recorded. Completed: every activity of the course finished (what each asks, see
   * {@link CohortData.Activity}); a course without known activities: every scenario begun has a completed attempt
   * and every questionnaire wave begun is completed.
   */
  public enum Status {
    NOT_STARTED, IN_PROGRESS, COMPLETED;

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * One learner's scale: the before, after and follow-up means, the “looking back” rating beside the before, and the
   * change to after and to follow-up (the assessment's stored comparison where there is one, the only way across
   * questionnaire versions; {@code sharedOnly} when that compared the questions both versions share only).
   */
  public record ScaleCell(Double pre, Double post, Double retrospective, Double followUp, Pair toPost,
      Pair toFollowUp) {
    public ScaleCell(Double pre, Double post) {
      this(pre, post, null, null, pre == null || post == null ? null : new Pair(pre, post, false), null);
    }

    public Double change() {
      return toPost == null ? null : toPost.to() - toPost.from();
    }

    public Double followUpChange() {
      return toFollowUp == null ? null : toFollowUp.to() - toFollowUp.from();
    }

    public boolean sharedOnly() {
      return toPost != null && toPost.sharedOnly() || toFollowUp != null && toFollowUp.sharedOnly();
    }
  }

  /** A before → later pair of means on the same items ({@code sharedOnly}: those two versions share only). */
  public record Pair(double from, double to, boolean sharedOnly) {
  }

  public record ScenarioCell(int attempts, int completed, Double best, Double latest,
      Map<String, Double> competencies) {
  }

  /** {@code done} holds, in the order of {@link #activities()}, whether this learner finished each activity. */
  public record Row(long personId, String name, String subject, Status status, int attempts,
      Map<String, ScaleCell> scales, Map<String, ScenarioCell> scenarios, String delivery, List<Boolean> done) {

    public int activitiesDone() {
      return (int) done.stream().filter(Boolean::booleanValue).count();
    }

    /** The mean of the best scores of the scenarios completed, or null when none is. */
    public Double meanBest() {
      return scenarios.values().stream().filter(c -> c.best() != null).mapToDouble(ScenarioCell::best).average()
          .stream().boxed().findFirst().orElse(null);
    }
  }

  private final List<Row> rows;
  private final List<String> scaleKeys;
  private final List<String> scenarioIds;
  private final List<CohortData.Activity> activities;

  private Cohort(List<Row> rows, List<String> scaleKeys, List<String> scenarioIds,
      List<CohortData.Activity> activities) {
    this.rows = rows;
    this.scaleKeys = scaleKeys;
    this.scenarioIds = scenarioIds;
    this.activities = activities;
  }

  public static Cohort of(CohortData data) {
    return of(data, Comparator.naturalOrder());
  }

  /** {@code scaleOrder} orders the scales (the questionnaire’s order, where known). */
  public static Cohort of(CohortData data, Comparator<String> scaleOrder) {
    // The few scale keys are gathered first and put in order once: ordering each of a large cohort's scores as it
    // came (a questionnaire look-up per comparison) cost more than the rest of the cohort.
    Set<String> found = new HashSet<>();
    Map<Long, Map<String, Map<String, CohortData.ScaleScore>>> scaleByPerson = new HashMap<>();
    for (CohortData.ScaleScore s : data.scales()) {
      String key = s.key();
      found.add(key);
      scaleByPerson.computeIfAbsent(s.personId(), k -> new HashMap<>()).computeIfAbsent(key, k -> new HashMap<>())
          .put(s.retrospective() ? RETROSPECTIVE : s.wave(), s);
    }
    Map<Long, Map<String, CohortData.Comparison>> storedByPerson = new HashMap<>();
    for (CohortData.Comparison c : data.comparisons()) {
      found.add(c.key());
      storedByPerson.computeIfAbsent(c.personId(), k -> new HashMap<>()).put(c.key() + "|" + c.toWave(), c);
    }
    Set<String> scales = new TreeSet<>(scaleOrder.thenComparing(Comparator.naturalOrder()));
    scales.addAll(found);
    Map<Long, Map<String, ScenarioCell>> scenByPerson = new HashMap<>();
    Set<String> scenarioIds = new TreeSet<>();
    for (CohortData.ScenarioSummary s : data.scenarios()) {
      scenarioIds.add(s.scenarioId());
      scenByPerson.computeIfAbsent(s.personId(), k -> new LinkedHashMap<>()).put(s.scenarioId(),
          new ScenarioCell(s.attempts(), s.completed(), s.bestScore(), s.latestScore(), s.bestCompetencies()));
    }
    data.activities().forEach(a -> scenarioIds.addAll(a.scenarios()));
    List<Row> rows = new ArrayList<>();
    for (CohortData.Learner l : data.learners()) {
      Map<String, ScaleCell> cells = new LinkedHashMap<>();
      Map<String, Map<String, CohortData.ScaleScore>> mine = scaleByPerson.getOrDefault(l.personId(), Map.of());
      Map<String, CohortData.Comparison> stored = storedByPerson.getOrDefault(l.personId(), Map.of());
      for (String key : scales) {
        cells.put(key, cell(mine.getOrDefault(key, Map.of()),
            stored.isEmpty() ? null : stored.get(key + "|post"),
            stored.isEmpty() ? null : stored.get(key + "|follow-up")));
      }
      Map<String, ScenarioCell> scen = scenByPerson.getOrDefault(l.personId(), Map.of());
      int attempts = scen.values().stream().mapToInt(ScenarioCell::attempts).sum();
      Set<String> started = data.assessmentWavesStarted().getOrDefault(l.personId(), Set.of());
      Set<String> completed = data.wavesCompleted().getOrDefault(l.personId(), Set.of());
      List<Boolean> done = new ArrayList<>();
      for (CohortData.Activity a : data.activities()) {
        done.add(finished(a, scen, completed));
      }
      rows.add(new Row(l.personId(), l.name(), l.subject(), status(scen, started, completed, done), attempts, cells,
          scen, data.delivery().get(l.personId()), List.copyOf(done)));
    }
    rows.sort(Comparator.comparing(Row::name, String.CASE_INSENSITIVE_ORDER).thenComparing(Row::personId));
    return new Cohort(List.copyOf(rows), List.copyOf(scales), List.copyOf(scenarioIds),
        List.copyOf(data.activities()));
  }

  private static final String RETROSPECTIVE = "retrospective";

  private static ScaleCell cell(Map<String, CohortData.ScaleScore> byWave, CohortData.Comparison toPost,
      CohortData.Comparison toFollowUp) {
    return new ScaleCell(mean(byWave, "pre"), mean(byWave, "post"), mean(byWave, RETROSPECTIVE),
        mean(byWave, "follow-up"), pair(byWave, toPost, "post"), pair(byWave, toFollowUp, "follow-up"));
  }

  private static Double mean(Map<String, CohortData.ScaleScore> byWave, String wave) {
    CohortData.ScaleScore s = byWave.get(wave);
    return s == null ? null : s.mean();
  }

  /** The stored comparison when there is one, otherwise the two waves' means when answered under one version. */
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

  private static boolean finished(CohortData.Activity a, Map<String, ScenarioCell> scen, Set<String> waves) {
    boolean scenarios = a.scenarios().stream().allMatch(id -> scen.containsKey(id) && scen.get(id).completed() > 0);
    return scenarios && waves.containsAll(a.waves());
  }

  private static Status status(Map<String, ScenarioCell> scen, Set<String> wavesStarted, Set<String> wavesCompleted,
      List<Boolean> done) {
    if (scen.isEmpty() && wavesStarted.isEmpty()) {
      return Status.NOT_STARTED;
    }
    if (!done.isEmpty()) {
      return done.stream().allMatch(Boolean::booleanValue) ? Status.COMPLETED : Status.IN_PROGRESS;
    }
    boolean wavesDone = wavesCompleted.size() >= wavesStarted.size();
    boolean scenariosDone = scen.values().stream().allMatch(c -> c.completed() > 0);
    return scenariosDone && wavesDone ? Status.COMPLETED : Status.IN_PROGRESS;
  }

  public List<Row> rows() {
    return rows;
  }

  public List<String> scaleKeys() {
    return scaleKeys;
  }

  /** Every scenario of the course’s activities and every scenario a learner attempted, sorted by id. */
  public List<String> scenarioIds() {
    return scenarioIds;
  }

  public List<CohortData.Activity> activities() {
    return activities;
  }

  public long count(Status s) {
    return rows.stream().filter(r -> r.status() == s).count();
  }

  /** How many learners finished activity {@code i}. */
  public long finishedActivity(int i) {
    return rows.stream().filter(r -> r.done().get(i)).count();
  }

  /** Rows with the given status (all when null), sorted by {@code sort} (see {@link #sortKeys}); nulls last. */
  public List<Row> view(Status filter, String sort, boolean descending) {
    Comparator<Row> byName = Comparator.comparing(Row::name, String.CASE_INSENSITIVE_ORDER);
    Comparator<Row> order = switch (sortKind(sort)) {
      case "status" -> Comparator.comparing(Row::status);
      case "attempts" -> Comparator.comparingInt(Row::attempts);
      case "done" -> Comparator.comparingInt(Row::activitiesDone);
      case "score" -> nullsLast(Row::meanBest, descending);
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
   * The sort keys this cohort understands: name, status, done, attempts, score, pre:/post:/change:/followup:/change-followup:&lt;scale&gt;,
   * scenario:&lt;id&gt;.
   */
  public List<String> sortKeys() {
    List<String> keys = new ArrayList<>(List.of("name", "status", "done", "attempts", "score"));
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
      case "pre", "post", "change", "followup", "change-followup", "scenario", "score" -> true;
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
