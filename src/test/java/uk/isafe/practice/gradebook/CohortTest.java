package uk.isafe.practice.gradebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.grades.GradeStatusRepository;
import uk.isafe.practice.grades.GradeStatusRepository.Status;

/** Status, change and sorting rules of the cohort table, and the per-learner delivery summary, without a database. */
class CohortTest {
  private static CohortData data(Set<String> expected, boolean postExpected) {
    List<CohortData.Learner> learners = List.of(new CohortData.Learner(1, "Ann"), new CohortData.Learner(2, "bob"),
        new CohortData.Learner(3, "Cy"), new CohortData.Learner(4, "Di"));
    List<CohortData.ScenarioSummary> scen = List.of(
        new CohortData.ScenarioSummary(1, "a", 2, 1, true, 80.0, 80.0, Map.of("C1_risk_resource", 0.8)),
        new CohortData.ScenarioSummary(1, "b", 1, 1, false, 40.0, 40.0, Map.of()),
        new CohortData.ScenarioSummary(2, "a", 1, 0, true, null, null, Map.of()),
        new CohortData.ScenarioSummary(3, "a", 1, 1, false, 60.0, 60.0, Map.of()));
    List<CohortData.ScaleScore> scales = List.of(new CohortData.ScaleScore(1, "i", "conf", "pre", 3.0),
        new CohortData.ScaleScore(1, "i", "conf", "post", 4.5), new CohortData.ScaleScore(3, "i", "conf", "pre", 5.0),
        new CohortData.ScaleScore(3, "i", "conf", "post", 4.0), new CohortData.ScaleScore(2, "i", "conf", "pre", 2.0));
    return new CohortData(learners, scen, scales, Map.of(1L, Set.of("pre", "post"), 2L, Set.of("pre"), 3L,
        Set.of("pre", "post")), Map.of(), expected, postExpected, Map.of(1L, "sent"));
  }

  @Test
  void status_needs_every_expected_scenario_and_the_post_wave() {
    Cohort c = Cohort.of(data(Set.of("a", "b"), true));
    Map<Long, Cohort.Status> byId = new java.util.HashMap<>();
    c.rows().forEach(r -> byId.put(r.personId(), r.status()));
    assertEquals(Cohort.Status.COMPLETED, byId.get(1L));
    assertEquals(Cohort.Status.IN_PROGRESS, byId.get(2L), "no completed attempt");
    assertEquals(Cohort.Status.IN_PROGRESS, byId.get(3L), "scenario b not done");
    assertEquals(Cohort.Status.NOT_STARTED, byId.get(4L));
  }

  @Test
  void change_is_post_minus_pre_and_missing_when_either_is_missing() {
    Cohort c = Cohort.of(data(Set.of("a"), true));
    Map<Long, Cohort.Row> byId = new java.util.HashMap<>();
    c.rows().forEach(r -> byId.put(r.personId(), r));
    assertEquals(1.5, byId.get(1L).scales().get("i/conf").change(), 1e-9);
    assertEquals(-1.0, byId.get(3L).scales().get("i/conf").change(), 1e-9);
    assertNull(byId.get(2L).scales().get("i/conf").change());
    assertEquals(3, byId.get(1L).attempts());
  }

  @Test
  void sorting_puts_missing_values_last_in_either_direction_and_names_ignore_case() {
    Cohort c = Cohort.of(data(Set.of("a"), true));
    assertEquals(List.of(1L, 3L, 2L, 4L), ids(c.view(null, "change:i/conf", true)));
    assertEquals(List.of(3L, 1L, 2L, 4L), ids(c.view(null, "change:i/conf", false)));
    assertEquals(List.of(1L, 3L, 2L, 4L), ids(c.view(null, "scenario:a", true)));
    assertEquals(List.of(1L, 2L, 3L, 4L), ids(c.view(null, "name", false)));
    assertEquals(List.of(4L, 3L, 2L, 1L), ids(c.view(null, "name", true)));
    assertEquals(List.of(4L), ids(c.view(Cohort.Status.NOT_STARTED, "name", false)));
  }

  @Test
  void summary_suppresses_means_and_effects_for_two_paired_learners() {
    Cohort c = Cohort.of(data(Set.of("a"), true));
    CohortSummary s = CohortSummary.of(c, Map.of());
    CohortSummary.ScaleSummary conf = s.scales().get(0);
    assertEquals(2, conf.nPaired());
    assertNull(conf.preMean());
    assertNull(conf.change());
    assertEquals(false, s.indicators().shown());
  }

  @Test
  void delivery_is_summarised_per_learner_worst_first() {
    Map<Long, String> m = GradeDeliveryStatuses.summarise(List.of(status(1, Status.DELIVERED),
        status(1, Status.FAILED), status(2, Status.DELIVERED), status(2, Status.QUEUED), status(3, Status.DELIVERED),
        status(3, Status.NOT_SENT), status(4, Status.NOT_SENT)));
    assertEquals(Map.of(1L, "failed", 2L, "queued", 3L, "sent", 4L, "not_sent"), m);
  }

  private static GradeStatusRepository.GradeStatus status(long person, Status s) {
    return new GradeStatusRepository.GradeStatus(person, 1, "scenario", s, 1, Optional.empty(),
        Optional.of(Instant.EPOCH));
  }

  private static List<Long> ids(List<Cohort.Row> rows) {
    return rows.stream().map(Cohort.Row::personId).toList();
  }
}
