package uk.isafe.practice.audit.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bank validator on a good file, its locale table, and one broken variant per rule. */
class BankValidationTest {
  private static final Path TINY = Path.of("src/test/resources/audit/valid/tiny.yaml");
  private static final Path TINY_CY = Path.of("src/test/resources/audit/valid/i18n/tiny.cy-GB.yaml");

  private static String tiny() throws IOException {
    return Files.readString(TINY);
  }

  private static Map<String, BankValidator.LocaleFile> cy() throws IOException {
    return Map.of("cy-GB", new BankValidator.LocaleFile(TINY_CY.toString(), Files.readAllBytes(TINY_CY)));
  }

  private static BankValidator.Result validate(String yaml) throws IOException {
    return BankValidator.validate("bank.yaml", yaml.getBytes(StandardCharsets.UTF_8), cy());
  }

  @Test
  void the_tiny_bank_is_valid_and_built_as_written() throws IOException {
    BankValidator.Result r = validate(tiny());
    assertEquals(List.of(), r.problems());
    AuditBank b = r.bank().orElseThrow();
    assertEquals("tiny", b.id());
    assertEquals(3, b.version());
    assertEquals(List.of("m-named", "m-seen", "m-plan"), b.manItems().stream().map(BankItem::id).toList());
    assertEquals(List.of("c-supervision"), b.childItems().stream().map(BankItem::id).toList());
    assertTrue(b.item("m-seen").orElseThrow().allowsNa("contact-unsafe"));
    assertFalse(b.item("m-named").orElseThrow().allowsNa("deceased"), "na: [] means N/A is not allowed");
    assertEquals(Indicator.MetWhen.ALL_YES, b.indicator("involved").orElseThrow().metWhen());
    assertEquals(64, b.sha256().length());
  }

  @Test
  void text_resolves_terms_by_nation_and_locale_tables_by_locale() throws IOException {
    AuditBank b = validate(tiny()).bank().orElseThrow();
    assertEquals("Is he in the Child in Need plan?", b.text("en-GB", Nation.ENGLAND).itemText("m-plan"));
    assertEquals("Is he in the care and support plan?", b.text("en-GB", Nation.WALES).itemText("m-plan"));
    assertEquals("[cy] Is he in the cynllun gofal a chymorth?", b.text("cy-GB", Nation.WALES).itemText("m-plan"));
    assertEquals("Spoken to by phone only.", b.text("en-GB", Nation.ENGLAND).partlyMeans("m-seen"));
    assertEquals(null, b.text("en-GB", Nation.ENGLAND).partlyMeans("m-named"));
  }

  @Test
  void the_shipped_bank_is_valid_with_four_indicators_over_per_man_items() {
    BankLibrary lib = BankLibrary.load(Path.of("scenarios/audit"));
    assertEquals(List.of(), lib.problems());
    AuditBank b = lib.find("father-inclusion").orElseThrow();
    assertEquals(List.of("identified", "engaged", "assessed", "included"),
        b.indicators().stream().map(Indicator::id).toList());
    assertTrue(b.manItems().size() >= 15, "a record per man with the full set of themes");
    assertTrue(b.childItems().size() >= 3);
    assertEquals(List.of("deceased", "identity-unknown", "contact-unsafe", "not-reached", "did-not-arise"),
        b.naReasons().stream().map(Choice::id).toList());
    for (BankItem i : b.allItems()) {
      assertFalse(i.yesMeans().isBlank(), i.id() + " says what Yes means");
    }
    assertTrue(b.text("en-GB", Nation.WALES).yesMeans("m-plan").contains("care and support protection plan"));
    assertTrue(b.text("en-GB", Nation.ENGLAND).yesMeans("m-plan").contains("Child in Need plan or child protection plan"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "yaml syntax        | 'id: tiny'                      | 'id: [tiny'                         | YAML syntax error",
      "missing title      | 'title: Tiny bank'              | 'titel: Tiny bank'                  | schema:",
      "duplicate key      | 'version: 3'                    | 'version: 3\nversion: 4'            | appears twice",
      "duplicate item     | '- id: m-plan'                  | '- id: m-seen'                      | used twice",
      "unknown na reason  | 'na: [deceased, contact-unsafe]' | 'na: [deceased, moved-away]'       | unknown N/A reason 'moved-away'",
      "broken reference   | 'items: [m-named]'              | 'items: [m-nmaed]'                  | broken reference: no item 'm-nmaed'",
      "child item in ind. | 'items: [m-named]'              | 'items: [c-supervision]'            | asked per child",
      "unknown term       | 'in the {cin_plan}?'            | 'in the {cp_plan}?'                 | unknown term {cp_plan}",
      "term only England  | '    cin_plan: Child in Need plan' | '    cin_plan: Child in Need plan\n    cin: Child in Need' | not for Wales",
      "bad answer rule    | 'met_when: all-yes\n  - id: involved' | 'met_when: most\n  - id: involved' | schema:",
      "no child section   | 'scope: child'                  | 'scope: man'                        | no per-child section"})
  void a_broken_bank_is_refused_with_file_line_and_reason(String name, String from, String to, String message)
      throws IOException {
    String yaml = tiny();
    assertTrue(yaml.contains(from.replace("\\n", "\n")), name + ": fixture has '" + from + "'");
    BankValidator.Result r = validate(yaml.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n")));
    assertFalse(r.valid(), name);
    assertTrue(r.bank().isEmpty());
    BankProblem p = r.problems().stream().filter(x -> x.message().contains(message)).findFirst()
        .orElseThrow(() -> new AssertionError(name + ": no problem says '" + message + "' in " + r.problems()));
    assertTrue(p.line() > 0, "a line is named: " + p);
    assertTrue(p.toString().startsWith("bank.yaml:" + p.line() + ": "), p.toString());
  }

  @Test
  void the_broken_reference_names_the_indicator_and_its_line() throws IOException {
    String yaml = tiny().replace("items: [m-seen, m-plan]", "items: [m-seen, m-plna]");
    BankProblem p = validate(yaml).problems().get(0);
    assertEquals("indicator 'involved'", p.subject());
    List<String> lines = tiny().lines().toList();
    assertTrue(lines.get(p.line() - 1).contains("items: [m-seen, m-plan]"), "line " + p.line());
  }

  @Test
  void a_listed_locale_needs_a_complete_table_with_the_same_terms() throws IOException {
    byte[] bank = Files.readAllBytes(TINY);
    BankValidator.Result none = BankValidator.validate("bank.yaml", bank, Map.of());
    assertTrue(none.problems().get(0).message().contains("locale cy-GB is listed but has no table"), none.toString());

    String table = Files.readString(TINY_CY);
    String broken = table.replace("item.m-seen.text: \"[cy] Was he seen?\"\n", "")
        .replace("[cy] Is he in the {cin_plan}?", "[cy] Is he in the plan?") + "item.m-gone.text: x\n";
    BankValidator.Result r = BankValidator.validate("bank.yaml", bank, Map.of("cy-GB",
        new BankValidator.LocaleFile("tiny.cy-GB.yaml", broken.getBytes(StandardCharsets.UTF_8))));
    List<String> messages = r.problems().stream().map(BankProblem::message).toList();
    assertTrue(messages.contains("missing translation for 'item.m-seen.text'"), messages.toString());
    assertTrue(messages.contains("unknown key 'item.m-gone.text'"), messages.toString());
    assertTrue(messages.stream().anyMatch(m -> m.contains("same {terms}")), messages.toString());
  }

  @Test
  void the_library_refuses_a_file_not_named_after_its_bank_and_keeps_serving_the_others(@TempDir Path dir)
      throws IOException {
    String yaml = tiny().replace("locales: [en-GB, cy-GB]", "locales: [en-GB]");
    Files.writeString(dir.resolve("tiny.yaml"), yaml);
    Files.writeString(dir.resolve("other.yaml"), yaml);
    Files.writeString(dir.resolve("broken.yaml"), yaml.replace("items: [m-named]", "items: [nothing]"));
    BankLibrary lib = BankLibrary.load(dir);
    assertEquals(List.of("tiny"), List.copyOf(lib.banks().keySet()));
    assertEquals(2, lib.problems().size(), lib.problems().toString());
    assertTrue(lib.problems().stream().anyMatch(p -> p.message().contains("named after the bank id")));
    assertTrue(lib.problems().stream().anyMatch(p -> p.file().endsWith("broken.yaml")));
    assertTrue(lib.source("tiny").isPresent());
  }
}
