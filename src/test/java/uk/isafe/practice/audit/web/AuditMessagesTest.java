package uk.isafe.practice.audit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.audit.AuditRole;
import uk.isafe.practice.audit.round.RoundState;

/**
 * Every message key the audit's templates and code name exists in the en-GB bundle, including every value of the
 * keys built from a prefix (roles, states, answers, outcomes...).
 */
class AuditMessagesTest {
  private static final Pattern KEY = Pattern.compile("['\"](audit\\.[A-Za-z0-9_.-]*[A-Za-z0-9_])['\"]");

  private static Properties bundle() throws IOException {
    Properties p = new Properties();
    try (var in = new InputStreamReader(Files.newInputStream(
        Path.of("src/main/resources/i18n/messages-audit.en-GB.properties")), StandardCharsets.UTF_8)) {
      p.load(in);
    }
    return p;
  }

  @Test
  void every_named_and_built_key_exists() throws IOException {
    Properties bundle = bundle();
    Set<String> used = new TreeSet<>();
    try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/resources/templates/audit")),
        Files.walk(Path.of("src/main/java/uk/isafe/practice/audit")))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Matcher m = KEY.matcher(Files.readString(f));
        while (m.find()) {
          used.add(m.group(1));
        }
      }
    }
    for (AuditRole r : AuditRole.values()) {
      used.add("audit.role." + r.code());
    }
    for (RoundState s : RoundState.values()) {
      used.add("audit.state." + s.code());
      used.add("audit.error.roundNotOpen." + s.code());
      s.next().ifPresent(n -> used.add("audit.round.moveTo." + n.code()));
    }
    for (String prefix : List.of("audit.answer.yes", "audit.answer.partly", "audit.answer.no", "audit.answer.na",
        "audit.status.assigned", "audit.status.in_progress", "audit.status.submitted", "audit.kind.primary",
        "audit.kind.second", "audit.kind.agreed", "audit.kind.calibration", "audit.task.todo", "audit.task.started",
        "audit.outcome.met", "audit.outcome.not_met", "audit.outcome.not_eligible", "audit.position.within",
        "audit.position.above_95", "audit.position.above_998", "audit.position.below_95", "audit.position.below_998",
        "audit.actionStatus.open", "audit.actionStatus.in_progress", "audit.actionStatus.done",
        "audit.actionStatus.cancelled", "audit.nation.england", "audit.nation.wales", "audit.line.s0",
        "audit.line.s1", "audit.line.s2", "audit.line.s3", "audit.form.comment.found.name",
        "audit.form.comment.found.date", "audit.form.comment.found.address", "audit.form.comment.found.contact",
        "audit.roundNew.kind.live", "audit.roundNew.kind.calibration", "audit.roundNew.kindHint.live",
        "audit.roundNew.kindHint.calibration")) {
      used.add(prefix);
    }
    for (String code : List.of("no-role", "anonymous", "not-administrator", "not-senior", "not-moderator",
        "not-your-team", "not-your-case", "own-case")) {
      used.add("audit.error.forbidden." + code);
    }
    Set<String> missing = new TreeSet<>();
    for (String k : used) {
      if (!bundle.containsKey(k) && !k.endsWith(".") && !k.equals("audit.line.s")) {
        missing.add(k);
      }
    }
    assertEquals(Set.of(), missing);
  }
}
