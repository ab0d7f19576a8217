package uk.isafe.practice.audit.protect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Keyed hashing of case references and the free-text check. */
class ProtectTest {
  private static final byte[] SECRET = "a test secret that is long enough to use".getBytes(StandardCharsets.UTF_8);

  @Test
  void the_same_reference_hashes_alike_within_an_organisation_and_differently_across() {
    CaseRefHasher a = CaseRefHasher.forOrganisation(SECRET, "1/dep-a");
    CaseRefHasher b = CaseRefHasher.forOrganisation(SECRET, "1/dep-b");
    assertArrayEquals(a.hash("ab 12345"), a.hash(" AB12345 "));
    assertFalse(Arrays.equals(a.hash("AB12345"), b.hash("AB12345")));
    assertFalse(Arrays.equals(a.hash("AB12345"), a.hash("AB12346")));
    assertEquals(32, a.hash("x").length);
    byte[] other = "another secret that is long enough too!!".getBytes(StandardCharsets.UTF_8);
    assertFalse(Arrays.equals(a.hash("AB12345"), CaseRefHasher.forOrganisation(other, "1/dep-a").hash("AB12345")));
  }

  @Test
  void a_short_secret_or_an_empty_reference_is_refused() {
    assertThrows(IllegalArgumentException.class, () -> CaseRefHasher.forOrganisation(new byte[8], "1/a"));
    assertThrows(IllegalArgumentException.class, () -> CaseRefHasher.forOrganisation(SECRET, "1/a").hash("  "));
    assertFalse(CaseRefHasher.forOrganisation(SECRET, "1/a").toString().contains("secret"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Inviting Dad to the core group changed the plan. Mr Jones came to every meeting. | NAME | Mr Jones",
      "The worker and Kayden's father met weekly.                                      | NAME | Kayden's",
      "He was first seen on 12/03/2024 at home.                                        | DATE | 12/03/2024",
      "Seen on 3rd March, which helped.                                                | DATE | 3rd March",
      "He moved to 14 Acacia Avenue last year.                                         | ADDRESS | 14 Acacia Avenue",
      "He now lives near CF10 3NQ with family.                                         | ADDRESS | CF10 3NQ",
      "Call him on 07700 900123 before visits.                                         | CONTACT | 07700 900123",
      "His email is dad@example.org so use that.                                       | CONTACT | dad@example.org"})
  void identifying_details_are_found(String text, FreeTextCheck.Kind kind, String found) {
    List<FreeTextCheck.Finding> f = FreeTextCheck.check(text);
    assertTrue(f.stream().anyMatch(x -> x.kind() == kind && x.text().equals(found)), f.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Including him in the Child in Need plan meant the child saw her father every Saturday.",
      "Once the IRO challenged his absence, he came to the review. Police checks were done early.",
      "Without him the plan relied on mother alone; his family could have offered support.",
      ""})
  void ordinary_practice_comments_pass(String text) {
    assertEquals(List.of(), FreeTextCheck.check(text));
  }

  @Test
  void age_bands_parse_by_code() {
    assertEquals(AgeBand.AGE_5_9, AgeBand.parse("5-9").orElseThrow());
    assertTrue(AgeBand.parse("2015-04-01").isEmpty());
  }
}
