package uk.isafe.practice.audit.bank;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves bank text by key for one locale and one nation: the locale's table first, then the source text; every
 * {@code {term}} is replaced by the nation's term (itself translated when the table has it).
 */
public final class BankText {
  static final Pattern TERM = Pattern.compile("\\{([a-z][a-z0-9_]*)\\}");

  private final Map<String, String> source;
  private final Map<String, String> table;
  private final Nation nation;

  BankText(Map<String, String> source, Map<String, String> table, Nation nation) {
    this.source = source;
    this.table = table;
    this.nation = nation;
  }

  public String get(String key) {
    String raw = raw(key);
    if (raw == null) {
      return key;
    }
    Matcher m = TERM.matcher(raw);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String term = raw("term." + nation.key() + "." + m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(term == null ? m.group() : term));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String raw(String key) {
    String t = table.get(key);
    return t != null ? t : source.get(key);
  }

  public String title() {
    return get("title");
  }

  public String summary() {
    return get("summary");
  }

  public String itemText(String itemId) {
    return get("item." + itemId + ".text");
  }

  public String yesMeans(String itemId) {
    return get("item." + itemId + ".yes_means");
  }

  /** What counts as Partly, or null when the item gives no separate criterion. */
  public String partlyMeans(String itemId) {
    String key = "item." + itemId + ".partly_means";
    return source.containsKey(key) ? get(key) : null;
  }

  public String section(String sectionId) {
    return get("section." + sectionId + ".title");
  }

  public String indicator(String indicatorId) {
    return get("indicator." + indicatorId + ".title");
  }

  public String indicatorDescription(String indicatorId) {
    return get("indicator." + indicatorId + ".description");
  }

  public String stage(String stageId) {
    return get("stage." + stageId);
  }

  public String manRole(String roleId) {
    return get("role." + roleId);
  }

  public String naReason(String reasonId) {
    return get("na." + reasonId);
  }

  public String judgement(String judgementId) {
    return get("judgement." + judgementId);
  }
}
