package uk.isafe.practice.audit.bank;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import uk.isafe.practice.scenario.load.YamlTree;

/**
 * Checks the locale tables of a bank: every locale the bank lists other than en-GB needs a table with every key of
 * the source text, no unknown keys, and the same {@code {term}} placeholders as the source.
 */
final class LocaleTables {
  private LocaleTables() {
  }

  static Map<String, Map<String, String>> check(String bankFile, List<String> locales, Map<String, String> source,
      Map<String, BankValidator.LocaleFile> tables, List<BankProblem> problems) {
    Map<String, Map<String, String>> out = new HashMap<>();
    for (String locale : locales) {
      if (AuditBank.SOURCE_LOCALE.equals(locale)) {
        continue;
      }
      BankValidator.LocaleFile table = tables.get(locale);
      if (table == null) {
        problems.add(new BankProblem(bankFile, 0, null, "locale " + locale + " is listed but has no table: add "
            + "i18n/<bank id>." + locale + ".yaml or remove the locale"));
        continue;
      }
      YamlTree.Parsed parsed;
      try {
        parsed = YamlTree.parse(table.bytes());
      } catch (YamlTree.SyntaxError e) {
        problems.add(new BankProblem(table.file(), e.line(), null, e.getMessage()));
        continue;
      }
      JsonNode root = parsed.root();
      if (root == null || !root.isObject()) {
        problems.add(new BankProblem(table.file(), 1, null, "the table is empty or not a mapping of keys to text"));
        continue;
      }
      Map<String, String> texts = new HashMap<>();
      root.fields().forEachRemaining(e -> {
        int line = parsed.lines().line("/" + e.getKey());
        if (!source.containsKey(e.getKey())) {
          problems.add(new BankProblem(table.file(), line, null, "unknown key '" + e.getKey() + "'"));
        } else if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
          problems.add(new BankProblem(table.file(), line, null, "key '" + e.getKey() + "' needs text"));
        } else if (!terms(e.getValue().asText()).equals(terms(source.get(e.getKey())))) {
          problems.add(new BankProblem(table.file(), line, null, "key '" + e.getKey() + "' must use the same "
              + "{terms} as the source text: " + terms(source.get(e.getKey()))));
        } else {
          texts.put(e.getKey(), e.getValue().asText());
        }
      });
      for (String key : source.keySet()) {
        if (!root.has(key)) {
          problems.add(new BankProblem(table.file(), 0, null, "missing translation for '" + key + "'"));
        }
      }
      out.put(locale, texts);
    }
    return out;
  }

  private static Set<String> terms(String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = BankText.TERM.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
