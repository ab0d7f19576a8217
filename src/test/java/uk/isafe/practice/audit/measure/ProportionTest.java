package uk.isafe.practice.audit.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Wilson score intervals against the published worked examples of Newcombe (1998), "Two-sided confidence intervals
 * for the single proportion: comparison of seven methods", Statistics in Medicine 17:857–872, Table II, method 3
 * (score interval without continuity correction), and the design note's figure for n = 10.
 */
class ProportionTest {

  @ParameterizedTest(name = "{0}/{1} -> {2} to {3}")
  @CsvSource({
      "81, 263, 0.2553, 0.3662",
      "15, 148, 0.0624, 0.1605",
      "0,  20,  0.0000, 0.1611",
      "1,  29,  0.0061, 0.1718",
      "5,  10,  0.2366, 0.7634"})
  void wilson_matches_newcombe(int k, int n, double lower, double upper) {
    Proportion p = Proportion.of(k, n);
    assertEquals(lower, p.lower(), 0.00005);
    assertEquals(upper, p.upper(), 0.00005);
    assertEquals((double) k / n, p.rate(), 1e-12);
  }

  @Test
  void all_met_reaches_one_and_nothing_eligible_is_empty() {
    assertEquals(1.0, Proportion.of(7, 7).upper());
    assertTrue(Proportion.of(7, 7).lower() < 1.0);
    assertTrue(Proportion.of(0, 0).empty());
    assertTrue(Double.isNaN(Proportion.of(0, 0).rate()));
    assertThrows(IllegalArgumentException.class, () -> Proportion.of(3, 2));
  }

  @Test
  void funnel_limits_narrow_as_n_grows() {
    Funnel.Limits at10 = Funnel.limits(0.5, 10, Funnel.Z95);
    assertEquals(0.1901, at10.lower(), 0.0001);
    assertEquals(0.8099, at10.upper(), 0.0001);
    Funnel.Limits at40 = Funnel.limits(0.5, 40, Funnel.Z95);
    assertTrue(at40.upper() - at40.lower() < at10.upper() - at10.lower());
    assertEquals(Funnel.Position.WITHIN, Funnel.position(3, 10, 0.5), "30% of 10 is within 19–81%");
    assertEquals(Funnel.Position.BELOW_95, Funnel.position(1, 10, 0.5), "10% is below the 95% limit, not 99.8%");
    assertEquals(Funnel.Position.BELOW_998, Funnel.position(0, 40, 0.5));
    assertEquals(Funnel.Position.ABOVE_95, Funnel.position(9, 10, 0.5));
  }
}
