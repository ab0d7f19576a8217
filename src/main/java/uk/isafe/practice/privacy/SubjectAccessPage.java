package uk.isafe.practice.privacy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.isafe.practice.core.PrivacySettings;
import uk.isafe.practice.web.Messages;
import uk.isafe.practice.web.Templates;

/** The subject access export as a readable page for the person: one section per table, in plain words. */
public final class SubjectAccessPage {
  private SubjectAccessPage() {
  }

  /** One table of the page. */
  public record Section(String title, String purpose, String retention, List<String> columns,
      List<List<String>> rows) {
  }

  public static String render(JsonObject export, PrivacySettings settings, Templates templates,
      Messages.Catalog m) {
    JsonObject tables = export.getJsonObject("tables");
    List<Section> sections = new ArrayList<>();
    for (PersonalData.Table t : PersonalData.TABLES) {
      if (t.export().isEmpty()) {
        continue;
      }
      JsonArray rows = tables.getJsonArray(t.name(), new JsonArray());
      Set<String> columns = new LinkedHashSet<>();
      rows.forEach(r -> columns.addAll(((JsonObject) r).fieldNames()));
      List<List<String>> cells = new ArrayList<>();
      rows.forEach(r -> {
        JsonObject o = (JsonObject) r;
        List<String> line = new ArrayList<>();
        columns.forEach(c -> line.add(SubjectAccess.text(o.getValue(c)).orElse("")));
        cells.add(line);
      });
      String retention = t.period().of(settings).map(d -> m.get("privacy.sar.keptDays", d.toDays()))
          .orElse(m.get("privacy.sar.keptWhileInstalled"));
      sections.add(new Section(m.get("privacy.table." + t.name() + ".title"),
          m.get("privacy.table." + t.name() + ".purpose"), retention, List.copyOf(columns), cells));
    }
    JsonObject person = export.getJsonObject("person");
    Map<String, Object> model = new HashMap<>();
    model.put("platform", person.getString("platform"));
    model.put("userId", person.getString("user_id"));
    model.put("generatedAt", export.getString("generated_at"));
    model.put("sections", sections);
    return templates.render("privacy/subject-access", model, m, null, null);
  }
}
