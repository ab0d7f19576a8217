package uk.isafe.practice.audit.bank;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import uk.isafe.practice.scenario.load.SourceMap;
import uk.isafe.practice.scenario.load.YamlTree;

/**
 * Reads an item bank and says whether it may be used. After the schema, the checks an author needs:
 * <ol>
 *   <li>ids are unique: items across the whole bank (answers are stored by item id), and sections, indicators,
 *       stages, men's roles, N/A reasons and judgements each within their list;</li>
 *   <li>every section has items, and the bank has per-man and per-child items;</li>
 *   <li>every N/A reason an item allows is defined;</li>
 *   <li>every indicator names existing per-man items (indicators are percentages of men);</li>
 *   <li>England and Wales define the same terms, and every {@code {term}} used in any text is defined;</li>
 *   <li>every locale other than en-GB has a complete table ({@link LocaleTables}).</li>
 * </ol>
 * Pure Java: no I/O beyond the bytes given, no Vert.x.
 */
public final class BankValidator {

  /** The bank when there are no problems; otherwise the problems, in line order. */
  public record Result(Optional<AuditBank> bank, List<BankProblem> problems) {
    public boolean valid() {
      return problems.isEmpty();
    }
  }

  /** A locale table file: {@code i18n/<bank id>.<locale>.yaml}, a flat map of text keys to translated text. */
  public record LocaleFile(String file, byte[] bytes) {
  }

  private final String file;
  private final JsonNode root;
  private final SourceMap lines;
  private final List<BankProblem> problems = new ArrayList<>();

  private BankValidator(String file, JsonNode root, SourceMap lines) {
    this.file = file;
    this.root = root;
    this.lines = lines;
  }

  public static Result validate(String file, byte[] bytes) {
    return validate(file, bytes, Map.of());
  }

  public static Result validate(String file, byte[] bytes, Map<String, LocaleFile> tables) {
    YamlTree.Parsed parsed;
    try {
      parsed = YamlTree.parse(bytes);
    } catch (YamlTree.SyntaxError e) {
      return new Result(Optional.empty(), List.of(new BankProblem(file, e.line(), null, e.getMessage())));
    }
    if (parsed.root() == null || !parsed.root().isObject()) {
      return new Result(Optional.empty(), List.of(new BankProblem(file, 1, null, "the file is empty or not a mapping")));
    }
    BankValidator v = new BankValidator(file, parsed.root(), parsed.lines());
    parsed.duplicates().forEach(d -> v.problems.add(new BankProblem(file, d.line(), null,
        "key '" + d.key() + "' appears twice")));
    v.problems.addAll(BankSchema.check(file, parsed.root(), parsed.lines()));
    if (!v.problems.isEmpty()) {
      return v.failed();
    }
    v.checkIds();
    v.checkSections();
    v.checkIndicators();
    Map<String, String> source = BankBuilder.sourceText(parsed.root());
    v.checkTerms(source);
    if (!v.problems.isEmpty()) {
      return v.failed();
    }
    Map<String, Map<String, String>> translations = LocaleTables.check(file, v.locales(), source, tables, v.problems);
    if (!v.problems.isEmpty()) {
      return v.failed();
    }
    return new Result(Optional.of(BankBuilder.build(parsed.root(), sha256(bytes), source, translations)), List.of());
  }

  private Result failed() {
    problems.sort(Comparator.comparingInt(BankProblem::line));
    return new Result(Optional.empty(), List.copyOf(problems));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void problem(String pointer, String subject, String message) {
    problems.add(new BankProblem(file, lines.line(pointer), subject, message));
  }

  private List<String> locales() {
    List<String> out = new ArrayList<>();
    root.path("locales").forEach(l -> out.add(l.asText()));
    return out;
  }

  private void checkIds() {
    for (String list : List.of("stages", "man_roles", "na_reasons")) {
      unique(root.path(list), "/" + list, list.replace('_', ' '));
    }
    unique(root.path("judgement").path("options"), "/judgement/options", "judgement options");
    unique(root.path("sections"), "/sections", "sections");
    unique(root.path("indicators"), "/indicators", "indicators");
  }

  private void unique(JsonNode list, String at, String what) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String id = list.get(i).path("id").asText();
      if (!seen.add(id)) {
        problem(at + "/" + i + "/id", null, "the id '" + id + "' is used twice in " + what);
      }
    }
  }

  private void checkSections() {
    Set<String> reasons = new HashSet<>();
    root.path("na_reasons").forEach(r -> reasons.add(r.path("id").asText()));
    Map<String, String> itemSection = new HashMap<>();
    Set<String> scopes = new HashSet<>();
    JsonNode sections = root.path("sections");
    for (int s = 0; s < sections.size(); s++) {
      JsonNode section = sections.get(s);
      String at = "/sections/" + s;
      String sectionId = section.path("id").asText();
      scopes.add(section.path("scope").asText());
      JsonNode items = section.path("items");
      if (items.isEmpty()) {
        problem(at, BankProblem.section(sectionId), "the section has no items");
      }
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        String itemAt = at + "/items/" + i;
        String id = item.path("id").asText();
        String other = itemSection.putIfAbsent(id, sectionId);
        if (other != null) {
          problem(itemAt + "/id", BankProblem.item(id), "the id is used twice (also in section '" + other
              + "'): answers are stored by item id, so each must be unique");
        }
        JsonNode na = item.path("na");
        for (int n = 0; n < na.size(); n++) {
          if (!reasons.contains(na.get(n).asText())) {
            problem(itemAt + "/na/" + n, BankProblem.item(id), "unknown N/A reason '" + na.get(n).asText()
                + "': define it under na_reasons");
          }
        }
      }
    }
    if (!scopes.contains("man")) {
      problem("/sections", null, "the bank has no per-man section: every man in the child's life needs questions");
    }
    if (!scopes.contains("child")) {
      problem("/sections", null, "the bank has no per-child section");
    }
  }

  private void checkIndicators() {
    Map<String, String> scopeOf = new HashMap<>();
    root.path("sections").forEach(s -> s.path("items").forEach(i -> scopeOf.put(i.path("id").asText(),
        s.path("scope").asText())));
    JsonNode indicators = root.path("indicators");
    for (int d = 0; d < indicators.size(); d++) {
      JsonNode indicator = indicators.get(d);
      String id = indicator.path("id").asText();
      JsonNode items = indicator.path("items");
      for (int i = 0; i < items.size(); i++) {
        String itemId = items.get(i).asText();
        String scope = scopeOf.get(itemId);
        if (scope == null) {
          problem("/indicators/" + d + "/items/" + i, BankProblem.indicator(id), "broken reference: no item '"
              + itemId + "' in the bank");
        } else if (!scope.equals("man")) {
          problem("/indicators/" + d + "/items/" + i, BankProblem.indicator(id), "item '" + itemId
              + "' is asked per child, but indicators count men: use per-man items only");
        }
      }
    }
  }

  private void checkTerms(Map<String, String> source) {
    Set<String> england = new TreeSet<>();
    Set<String> wales = new TreeSet<>();
    root.path("terms").path("england").fieldNames().forEachRemaining(england::add);
    root.path("terms").path("wales").fieldNames().forEachRemaining(wales::add);
    for (String t : england) {
      if (!wales.contains(t)) {
        problem("/terms/wales", null, "term '" + t + "' is defined for England but not for Wales");
      }
    }
    for (String t : wales) {
      if (!england.contains(t)) {
        problem("/terms/england", null, "term '" + t + "' is defined for Wales but not for England");
      }
    }
    for (Map.Entry<String, String> e : source.entrySet()) {
      Matcher m = BankText.TERM.matcher(e.getValue());
      while (m.find()) {
        if (!england.contains(m.group(1)) || !wales.contains(m.group(1))) {
          problem(BankBuilder.pointerOf(root, e.getKey()), null, "unknown term {" + m.group(1) + "} in "
              + e.getKey() + ": define it for England and for Wales under terms");
        }
      }
    }
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
