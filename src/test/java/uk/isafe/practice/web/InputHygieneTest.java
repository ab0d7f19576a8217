package uk.isafe.practice.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The percent-encoding check: named answers, and the ASCII fast path agreeing with the general one. */
class InputHygieneTest {

  @Test
  void each_problem_is_named() {
    assertEquals(Optional.empty(), InputHygiene.percentEncoded("a=1&b=caf%C3%A9+au+lait", true));
    assertEquals(Optional.of("contains a NUL character"), InputHygiene.percentEncoded("a=%00", true));
    assertEquals(Optional.of("is not UTF-8"), InputHygiene.percentEncoded("a=%C3", true));
    assertEquals(Optional.of("is not UTF-8"), InputHygiene.percentEncoded("a=%ED%A0%80", true), "a surrogate");
    assertEquals(Optional.of("has broken percent-encoding"), InputHygiene.percentEncoded("a=%zz", true));
    assertEquals(Optional.of("has broken percent-encoding"), InputHygiene.percentEncoded("a=%4", true));
    assertEquals(Optional.empty(), InputHygiene.percentEncoded("/scenario/caf\u00e9", false), "raw text");
  }

  @Test
  void the_ascii_path_answers_as_the_general_one_on_random_input() {
    Random random = new Random(20);
    String alphabet = "ab=&+%0123456789ACDEFz\u00e9";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(12);
      for (int k = 0; k < length; k++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length() - (i % 2))));
      }
      String raw = b.toString();
      assertEquals(InputHygiene.percentEncodedText(raw, true), InputHygiene.percentEncoded(raw, true), raw);
      assertEquals(InputHygiene.percentEncodedText(raw, false), InputHygiene.percentEncoded(raw, false), raw);
    }
  }
}
