package uk.isafe.practice.gradebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.gradebook.stats.Suppression;

/** Three waves in the cohort table and summary: pre → post, pre → follow-up, the retrospective, versions. */
class CohortWavesTest {

  private static CohortData.ScaleScore score(long person, String scale, String wave, double mean, int version) {
    return new CohortData.ScaleScore(person, "wwf", scale, wave, mean, version, false);
  }

  /** Six learners with pre, post (confidence only) and follow-up (both scales); learner 6 answered pre on v1. */
  private static CohortData data() {
    List<CohortData.Learner> learners = new ArrayList<>();
    List<CohortData.ScaleScore> scales = new ArrayList<>();
    List<CohortData.Comparison> comparisons = new ArrayList<>();
    for (long p = 1; p <= 6; p++) {
      learners.add(new CohortData.Learner(p, "L" + p));
      int preVersion = p == 6 ? 1 : 2;
      scales.add(score(p, "confidence", "pre", 3.0, preVersion));
      scales.add(score(p, "frequency", "pre", 2.0, preVersion));
      scales.add(score(p, "confidence", "post", 4.0 + p * 0.1, 2));
      scales.add(new CohortData.ScaleScore(p, "wwf", "confidence", "post", 2.5, 2, true));
      scales.add(score(p, "confidence", "follow-up", 4.5, 2));
      scales.add(score(p, "frequency", "follow-up", 2.5 + p * 0.1, 2));
    }
    // learner 6: across versions the assessment compared shared items only
    comparisons.add(new CohortData.Comparison(6, "wwf", "confidence", "post", 3.2, 4.4, true));
    comparisons.add(new CohortData.Comparison(6, "wwf", "frequency", "follow-up", 2.1, 3.2, true));
    Map<Long, Set<String>> started = new java.util.HashMap<>();
    learners.forEach(l -> started.put(l.personId(), Set.of("pre", "post", "follow-up")));
    return new CohortData(learners, List.of(), scales, comparisons, started, Map.of(), Set.of(), true, Map.of());
  }

  @Test
  void each_learner_has_pre_post_follow_up_retrospective_and_both_changes() {
    Cohort c = Cohort.of(data());
    Cohort.ScaleCell conf = c.rows().get(0).scales().get("wwf/confidence");
    assertEquals(3.0, conf.pre());
    assertEquals(4.1, conf.post(), 1e-9);
    assertEquals(4.5, conf.followUp());
    assertEquals(2.5, conf.retrospective(), "beside the pre, never in its place");
    assertEquals(1.1, conf.change(), 1e-9);
    assertEquals(1.5, conf.followUpChange(), 1e-9);
    Cohort.ScaleCell freq = c.rows().get(0).scales().get("wwf/frequency");
    assertNull(freq.post(), "frequency is not asked at post");
    assertNull(freq.change());
    assertEquals(0.6, freq.followUpChange(), 1e-9);
    assertEquals(Cohort.Status.COMPLETED, c.rows().get(0).status());
  }

  @Test
  void across_versions_the_change_is_the_assessments_shared_item_comparison_or_none() {
    Cohort c = Cohort.of(data());
    Cohort.Row six = c.rows().get(5);
    Cohort.ScaleCell conf = six.scales().get("wwf/confidence");
    assertEquals(1.2, conf.change(), 1e-9, "4.4 − 3.2 on shared items, not 4.6 − 3.0");
    assertTrue(conf.sharedOnly());
    assertNull(conf.followUpChange(), "no stored comparison and versions differ: no change rather than a wrong one");
    assertEquals(1.1, six.scales().get("wwf/frequency").followUpChange(), 1e-9);
    assertFalse(c.rows().get(0).scales().get("wwf/confidence").sharedOnly());
  }

  @Test
  void summary_has_pre_to_post_for_post_scales_and_pre_to_follow_up_for_all() {
    CohortSummary s = CohortSummary.of(Cohort.of(data()), Map.of());
    List<String> rows = s.scales().stream().map(x -> x.key() + " " + x.toWave()).toList();
    assertEquals(List.of("wwf/confidence post", "wwf/confidence follow-up", "wwf/frequency follow-up"), rows);
    CohortSummary.ScaleSummary confPost = s.scales().get(0);
    assertEquals(6, confPost.nPaired());
    assertTrue(confPost.sharedOnly());
    assertNotNull(confPost.change());
    assertEquals(Suppression.Reason.TOO_FEW_FOR_EFFECT_SIZE, confPost.effectSuppressed());
    CohortSummary.ScaleSummary confFollowUp = s.scales().get(1);
    assertEquals(5, confFollowUp.nPaired(), "learner 6 has no comparable pre → follow-up pair");
    assertEquals(1.5, confFollowUp.change().meanDiff(), 1e-9);
  }

  @Test
  void sorting_by_follow_up_change_puts_missing_values_last() {
    Cohort c = Cohort.of(data());
    assertTrue(c.sortKeys().contains("change-followup:wwf/frequency"));
    List<Long> order = c.view(null, "change-followup:wwf/frequency", true).stream().map(Cohort.Row::personId)
        .toList();
    assertEquals(List.of(6L, 5L, 4L, 3L, 2L, 1L), order);
    assertEquals(6L, c.view(null, "change-followup:wwf/confidence", false).get(5).personId());
  }
}
