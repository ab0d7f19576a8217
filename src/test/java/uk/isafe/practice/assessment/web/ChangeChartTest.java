package uk.isafe.practice.assessment.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ChangeChartTest {
  @Test
  void bars_are_a_share_of_the_scale_maximum_and_a_missing_score_draws_no_bar_but_keeps_its_label() {
    ChangeChart.Chart chart = ChangeChart.of(List.of(
        new ChangeChart.Entry("Your confidence", 7, OptionalDouble.of(3.5), "Before: 3.5 out of 7",
            OptionalDouble.of(7.0), "After: 7.0 out of 7"),
        new ChangeChart.Entry("Your view of your team", 5, OptionalDouble.empty(), "Before: no score",
            OptionalDouble.of(2.5), "After: 2.5 out of 5")));
    assertEquals(2, chart.groups().size());
    ChangeChart.Bar before = chart.groups().get(0).bars().get(0);
    ChangeChart.Bar after = chart.groups().get(0).bars().get(1);
    assertEquals(ChangeChart.BAR_MAX / 2, before.width());
    assertEquals(ChangeChart.BAR_MAX, after.width());
    assertFalse(before.after());
    assertTrue(after.after());
    ChangeChart.Bar missing = chart.groups().get(1).bars().get(0);
    assertTrue(missing.missing());
    assertEquals(0, missing.width());
    assertEquals("Before: no score", missing.label());
    assertTrue(chart.groups().get(1).titleY() > after.y(), "groups do not overlap");
    assertTrue(chart.height() > chart.groups().get(1).bars().get(1).y());
  }
}
