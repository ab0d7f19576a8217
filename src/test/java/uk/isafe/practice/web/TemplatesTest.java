package uk.isafe.practice.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Template names, {@code t()} arguments and the caller's model, through the real engine and bundles. */
class TemplatesTest {
  private final Templates templates = new Templates();
  private final Messages.Catalog catalog = Messages.load().forLocale(Messages.SOURCE_LOCALE);

  @Test
  void templates_are_named_from_the_root_or_relative_to_the_including_template() {
    Map<String, Object> model = Map.of("first", 1234, "who", "Sam <Dad>");
    String html = templates.render("test/names", model, catalog, "tok&en", "c\"srf");
    assertTrue(html.contains("root part|relative part|root part|Sam &lt;Dad&gt; (father) says"), html);
    assertTrue(html.contains("<title>Turn 1,234 of about 12 – ISAFE Practice</title>"), html);
    assertTrue(html.contains("<html lang=\"en-GB\""), html);
    assertEquals(html, templates.render("test/names", model, catalog, "tok&en", "c\"srf"), "each page starts afresh");
  }

  @Test
  void the_callers_model_is_left_as_it_was() {
    Map<String, Object> model = new HashMap<>(Map.of("first", 1, "who", "Sam"));
    templates.render("test/names", model, catalog, "token", "csrf");
    assertEquals(Map.of("first", 1, "who", "Sam"), model);
    assertFalse(model.containsKey(Templates.MESSAGES));
  }
}
