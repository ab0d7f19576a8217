package uk.isafe.practice.audit.bank;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the model and the keyed source text of a bank file that has passed the checks. */
final class BankBuilder {
  private BankBuilder() {
  }

  /** Every translatable text of the bank by key, in file order. */
  static Map<String, String> sourceText(JsonNode root) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("title", root.path("title").asText());
    out.put("summary", root.path("summary").asText());
    for (String nation : List.of("england", "wales")) {
      root.path("terms").path(nation).fields().forEachRemaining(e -> out.put("term." + nation + "." + e.getKey(),
          e.getValue().asText()));
    }
    root.path("stages").forEach(c -> out.put("stage." + c.path("id").asText(), c.path("label").asText()));
    root.path("man_roles").forEach(c -> out.put("role." + c.path("id").asText(), c.path("label").asText()));
    root.path("na_reasons").forEach(c -> out.put("na." + c.path("id").asText(), c.path("label").asText()));
    out.put("judgement.question", root.path("judgement").path("question").asText());
    root.path("judgement").path("options").forEach(c -> out.put("judgement." + c.path("id").asText(),
        c.path("label").asText()));
    out.put("comment.question", root.path("comment").path("question").asText());
    out.put("comment.hint", root.path("comment").path("hint").asText());
    for (JsonNode s : root.path("sections")) {
      out.put("section." + s.path("id").asText() + ".title", s.path("title").asText());
      for (JsonNode i : s.path("items")) {
        String k = "item." + i.path("id").asText();
        out.put(k + ".text", i.path("text").asText());
        out.put(k + ".yes_means", i.path("yes_means").asText());
        if (i.has("partly_means")) {
          out.put(k + ".partly_means", i.path("partly_means").asText());
        }
      }
    }
    for (JsonNode d : root.path("indicators")) {
      out.put("indicator." + d.path("id").asText() + ".title", d.path("title").asText());
      out.put("indicator." + d.path("id").asText() + ".description", d.path("description").asText());
    }
    return out;
  }

  /** The JSON pointer of a text key, for naming its line. */
  static String pointerOf(JsonNode root, String key) {
    String[] k = key.split("\\.");
    switch (k[0]) {
      case "title", "summary":
        return "/" + k[0];
      case "term":
        return "/terms/" + k[1] + "/" + k[2];
      case "stage":
        return indexIn(root, "stages", k[1]);
      case "role":
        return indexIn(root, "man_roles", k[1]);
      case "na":
        return indexIn(root, "na_reasons", k[1]);
      case "judgement":
        return "/judgement";
      case "comment":
        return "/comment/" + k[1];
      case "section":
        return indexIn(root, "sections", k[1]);
      case "indicator":
        return indexIn(root, "indicators", k[1]);
      case "item":
        JsonNode sections = root.path("sections");
        for (int s = 0; s < sections.size(); s++) {
          JsonNode items = sections.get(s).path("items");
          for (int i = 0; i < items.size(); i++) {
            if (items.get(i).path("id").asText().equals(k[1])) {
              return "/sections/" + s + "/items/" + i + "/" + k[2];
            }
          }
        }
        return "/sections";
      default:
        return "";
    }
  }

  private static String indexIn(JsonNode root, String list, String id) {
    JsonNode l = root.path(list);
    for (int i = 0; i < l.size(); i++) {
      if (l.get(i).path("id").asText().equals(id)) {
        return "/" + list + "/" + i;
      }
    }
    return "/" + list;
  }

  static AuditBank build(JsonNode root, String sha256, Map<String, String> source,
      Map<String, Map<String, String>> translations) {
    List<Section> sections = new ArrayList<>();
    for (JsonNode s : root.path("sections")) {
      Scope scope = Scope.of(s.path("scope").asText());
      String sectionId = s.path("id").asText();
      List<BankItem> items = new ArrayList<>();
      for (JsonNode i : s.path("items")) {
        List<String> na = new ArrayList<>();
        i.path("na").forEach(n -> na.add(n.asText()));
        items.add(new BankItem(i.path("id").asText(), scope, sectionId, i.path("text").asText(),
            i.path("yes_means").asText(), Optional.ofNullable(i.path("partly_means").textValue()), na));
      }
      sections.add(new Section(sectionId, scope, s.path("title").asText(), items));
    }
    List<Indicator> indicators = new ArrayList<>();
    for (JsonNode d : root.path("indicators")) {
      List<String> items = new ArrayList<>();
      d.path("items").forEach(i -> items.add(i.asText()));
      indicators.add(new Indicator(d.path("id").asText(), d.path("title").asText(), d.path("description").asText(),
          items, Indicator.MetWhen.of(d.path("met_when").asText())));
    }
    List<String> locales = new ArrayList<>();
    root.path("locales").forEach(l -> locales.add(l.asText()));
    return new AuditBank(root.path("id").asText(), root.path("version").asInt(), sha256, locales,
        choices(root.path("stages")), choices(root.path("man_roles")), choices(root.path("na_reasons")),
        choices(root.path("judgement").path("options")), root.path("comment").path("max_length").asInt(),
        sections, indicators, source, translations);
  }

  private static List<Choice> choices(JsonNode list) {
    List<Choice> out = new ArrayList<>();
    list.forEach(c -> out.add(new Choice(c.path("id").asText(), c.path("label").asText())));
    return out;
  }
}
