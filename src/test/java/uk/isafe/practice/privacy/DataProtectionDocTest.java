package uk.isafe.practice.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.web.Messages;

/**
 * lti-config/data-protection.md, the migrations and {@link PersonalData} name the same tables, so the DPO's facts
 * stay true when a feature adds a table; and each declared table is covered by export, erasure and purge.
 */
class DataProtectionDocTest {
  private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
  private static final Path DOC = Path.of("lti-config/data-protection.md");

  static Set<String> migratedTables() throws Exception {
    Set<String> tables = new TreeSet<>();
    Pattern create = Pattern.compile("(?i)CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([a-z_][a-z0-9_]*)");
    Pattern drop = Pattern.compile("(?i)DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?([a-z_][a-z0-9_]*)");
    List<Path> files;
    try (Stream<Path> s = Files.list(MIGRATIONS)) {
      files = new ArrayList<>(s.filter(p -> p.toString().endsWith(".sql")).toList());
    }
    files.sort((a, b) -> Integer.compare(version(a), version(b)));
    for (Path f : files) {
      String sql = Files.readString(f).replaceAll("--[^\n]*", "");
      Matcher c = create.matcher(sql);
      while (c.find()) {
        tables.add(c.group(1).toLowerCase());
      }
      Matcher d = drop.matcher(sql);
      while (d.find()) {
        tables.remove(d.group(1).toLowerCase());
      }
    }
    return tables;
  }

  private static int version(Path p) {
    String n = p.getFileName().toString();
    return Integer.parseInt(n.substring(1, n.indexOf("__")).split("\\.")[0]);
  }

  static Set<String> documentedTables() throws Exception {
    Set<String> tables = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^\\| `([a-z_][a-z0-9_]*)` \\|").matcher(Files.readString(DOC));
    while (m.find()) {
      tables.add(m.group(1));
    }
    return tables;
  }

  @Test
  void the_document_lists_exactly_the_tables_the_migrations_create() throws Exception {
    Set<String> migrated = migratedTables();
    assertTrue(migrated.contains("person") && migrated.contains("privacy_access_log"), migrated.toString());
    assertEquals(migrated, documentedTables(), "lti-config/data-protection.md's table list (one row per table)");
  }

  @Test
  void the_declaration_of_personal_data_names_exactly_the_same_tables() throws Exception {
    assertEquals(migratedTables(), new TreeSet<>(PersonalData.names()), "privacy.PersonalData.TABLES");
    assertEquals(PersonalData.names().size(), new TreeSet<>(PersonalData.names()).size(), "declared twice");
  }

  @Test
  void every_table_with_personal_data_has_an_export_an_erasure_a_purge_and_a_title() {
    Set<String> purged = new TreeSet<>();
    Retention.STEPS.forEach(s -> purged.add(s.table()));
    Messages.Catalog m = Messages.load().forLocale("en-GB");
    for (PersonalData.Table t : PersonalData.TABLES) {
      if (t.period() != Retention.Period.CONFIGURATION) {
        assertTrue(purged.contains(t.name()), t.name() + " has a retention period but no purge step");
      }
      if (t.erasure() == PersonalData.Erasure.NOTHING_HELD) {
        assertTrue(t.export().isEmpty() && t.erase().isEmpty(), t.name());
        continue;
      }
      assertTrue(t.export().isPresent(), t.name() + " holds personal data but is not in the subject access export");
      assertTrue(m.has("privacy.table." + t.name() + ".title"), t.name() + " has no title for the export page");
      assertTrue(m.has("privacy.table." + t.name() + ".purpose"), t.name() + " has no purpose for the export page");
      if (t.erasure() == PersonalData.Erasure.DELETED) {
        assertTrue(t.erase().stream().anyMatch(s -> s.contains("DELETE FROM " + t.name())), t.name());
      }
    }
  }
}
