package uk.isafe.practice.audit.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.audit.bank.AuditBank;
import uk.isafe.practice.audit.bank.BankValidator;
import uk.isafe.practice.audit.bank.Indicator;

/**
 * Indicator arithmetic with N/A exclusions against values worked by hand. Tiny bank: 'known' = [m-named],
 * 'involved' = [m-seen, m-plan], both all-yes.
 * <pre>
 *   man  role              m-named  m-seen  m-plan   known     involved
 *   1    father-elsewhere  Yes      Yes     Partly   met       not met
 *   2    father-elsewhere  No       N/A     Yes      not met   met (m-seen set aside)
 *   3    partner           Yes      N/A     N/A      met       not eligible
 *   4    partner           Yes      Yes     Yes      met       met
 * </pre>
 * known: 3 of 4 (father-elsewhere 1/2, partner 2/2); involved: 2 of 3 (father-elsewhere 1/2, partner 1/1).
 */
class IndicatorsTest {
  private static final Answer Y = Answer.YES;
  private static final Answer P = Answer.PARTLY;
  private static final Answer N = Answer.NO;
  private static final Answer NA = Answer.NA;

  private static AuditBank tiny() throws IOException {
    byte[] yaml = Files.readString(Path.of("src/test/resources/audit/valid/tiny.yaml"))
        .replace("locales: [en-GB, cy-GB]", "locales: [en-GB]").getBytes();
    return BankValidator.validate("tiny.yaml", yaml).bank().orElseThrow();
  }

  private static ManRecord man(String role, Answer named, Answer seen, Answer plan) {
    return new ManRecord(role, Map.of("m-named", named, "m-seen", seen, "m-plan", plan));
  }

  private static final List<ManRecord> MEN = List.of(
      man("father-elsewhere", Y, Y, P),
      man("father-elsewhere", N, NA, Y),
      man("partner", Y, NA, NA),
      man("partner", Y, Y, Y));

  @Test
  void rates_leave_na_out_of_the_denominator() throws IOException {
    List<Indicators.Rate> rates = Indicators.rates(tiny(), MEN);
    Indicators.Rate known = rates.get(0);
    assertEquals("known", known.indicatorId());
    assertEquals(3, known.overall().k());
    assertEquals(4, known.overall().n());
    assertEquals(1, known.byRole().get("father-elsewhere").k());
    assertEquals(2, known.byRole().get("father-elsewhere").n());
    assertEquals(2, known.byRole().get("partner").k());
    Indicators.Rate involved = rates.get(1);
    assertEquals(2, involved.overall().k());
    assertEquals(3, involved.overall().n());
    assertEquals(2.0 / 3, involved.overall().rate(), 1e-12);
    assertEquals(1, involved.byRole().get("partner").n(), "man 3 is not eligible: all N/A");
    assertEquals(1, involved.byRole().get("partner").k());
  }

  @Test
  void partly_counts_only_under_the_lenient_rule() throws IOException {
    AuditBank bank = tiny();
    Indicator strict = bank.indicator("involved").orElseThrow();
    Indicator lenient = new Indicator("x", "x", "x", strict.items(), Indicator.MetWhen.ALL_YES_OR_PARTLY);
    assertEquals(Indicators.Outcome.NOT_MET, Indicators.outcome(strict, MEN.get(0).answers()));
    assertEquals(Indicators.Outcome.MET, Indicators.outcome(lenient, MEN.get(0).answers()));
    assertEquals(Indicators.Outcome.NOT_ELIGIBLE, Indicators.outcome(lenient, MEN.get(2).answers()));
    assertEquals(Indicators.Outcome.NOT_MET, Indicators.outcome(lenient,
        Map.of("m-seen", N, "m-plan", Y)), "a No is never met");
  }

  @Test
  void item_score_is_points_over_twice_the_applicable_answers() {
    assertEquals(5.0 / 6, Indicators.itemScore(List.of(P, Y, NA, Y)), 1e-12);
    assertEquals(0.0, Indicators.itemScore(List.of(N, N)), 1e-12);
    assertEquals(Double.NaN, Indicators.itemScore(List.of(NA, NA)));
  }

  @Test
  void a_role_nobody_had_still_appears_with_no_men() throws IOException {
    List<Indicators.Rate> rates = Indicators.rates(tiny(), List.of(MEN.get(3)));
    assertEquals(0, rates.get(0).byRole().get("father-elsewhere").n());
    assertEquals(List.of("father-elsewhere", "partner"), List.copyOf(rates.get(0).byRole().keySet()));
  }
}
