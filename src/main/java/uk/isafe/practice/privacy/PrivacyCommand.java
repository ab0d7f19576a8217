package uk.isafe.practice.privacy;

import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.isafe.practice.assessment.instrument.InstrumentLibrary;
import uk.isafe.practice.core.AppConfig;
import uk.isafe.practice.core.Command;
import uk.isafe.practice.core.ToolDatabase;
import uk.isafe.practice.web.Messages;
import uk.isafe.practice.web.Templates;

/**
 * {@code privacy export|erase|access-log|research-export|purge}: the data protection officer's tools, run by the
 * tool's administrator on the server (they attach to a running server's embedded database). Every export is
 * recorded in the access log under the operating-system account that ran it.
 */
public final class PrivacyCommand implements Command {
  private static final String USAGE = """
      Usage:
        privacy export --platform NAME --user LMS_USER_ID [--out DIR]
            everything held about one person, as JSON and a readable HTML page
        privacy erase --platform NAME --user LMS_USER_ID [--force]
            erase one person (refused while grades of theirs wait for delivery, unless --force)
        privacy access-log [--platform NAME] [--user LMS_USER_ID] [--days N (30)] [--limit N (200)]
            who viewed whose results, newest first
        privacy research-export [--platform NAME] [--out FILE (research-export.csv)]
            pseudonymised questionnaire scale scores per wave per learner, for an evaluator
        privacy purge
            remove now what is past its retention period (the server does this daily)""";
  private static final Set<String> FLAGS = Set.of("--force");
  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;

  public PrivacyCommand() {
    this(System.out, System.err, Clock.systemUTC());
  }

  public PrivacyCommand(PrintStream out, PrintStream err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  @Override
  public String summary() {
    return "export or erase a person's data, read the access log, research export, purge";
  }

  @Override
  public int run(List<String> args, AppConfig config) throws Exception {
    if (args.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    Map<String, String> o = options(args.subList(1, args.size()));
    if (o == null) {
      err.println(USAGE);
      return 2;
    }
    String operator = System.getProperty("user.name", "unknown");
    try {
      return switch (args.get(0)) {
        case "export" -> export(config, o, operator);
        case "erase" -> erase(config, o, operator);
        case "access-log" -> accessLog(config, o);
        case "research-export" -> research(config, o, operator);
        case "purge" -> purge(config);
        default -> {
          err.println("Unknown privacy command: " + args.get(0));
          err.println(USAGE);
          yield 2;
        }
      };
    } catch (Missing e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (java.util.concurrent.ExecutionException | RuntimeException e) {
      Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
          ? e.getCause() : e;
      if (cause instanceof People.Unknown || cause instanceof Erasure.Refused) {
        err.println(cause.getMessage());
        return 3;
      }
      throw e;
    }
  }

  private int export(AppConfig config, Map<String, String> o, String operator) throws Exception {
    String platform = required(o, "--platform");
    String user = required(o, "--user");
    Path dir = Path.of(o.getOrDefault("--out", "."));
    JsonObject export = ToolDatabase.run(config, (vertx, pool) -> SubjectAccess.export(pool, clock,
        config.privacy(), platform, user, operator));
    String html = SubjectAccessPage.render(export, config.privacy(), new Templates(),
        Messages.load().forLocale(Messages.SOURCE_LOCALE));
    Files.createDirectories(dir);
    String stem = SubjectAccess.fileStem(platform, user);
    Path json = dir.resolve(stem + ".json");
    Path page = dir.resolve(stem + ".html");
    Files.writeString(json, export.encodePrettily(), StandardCharsets.UTF_8);
    Files.writeString(page, html, StandardCharsets.UTF_8);
    int rows = export.getJsonObject("tables").stream().mapToInt(e -> ((io.vertx.core.json.JsonArray) e.getValue())
        .size()).sum();
    out.println("Wrote " + json + " and " + page + " (" + rows + " rows). The export is recorded in the access log.");
    return 0;
  }

  private int erase(AppConfig config, Map<String, String> o, String operator) throws Exception {
    String platform = required(o, "--platform");
    String user = required(o, "--user");
    Erasure.Outcome outcome = ToolDatabase.run(config, (vertx, pool) -> Erasure.erase(pool, clock, platform, user,
        o.containsKey("--force"), operator));
    if (!outcome.erasedNow()) {
      out.println("Already erased on " + outcome.erasedBefore().orElseThrow().toLocalDate()
          + "; nothing identifying this person is held. Nothing changed.");
      return 0;
    }
    out.println("Erased. Rows changed per table: " + outcome.removed());
    out.println("Their scores stay in cohort figures under a pseudonym; the erasure is recorded (without their id).");
    out.println("A running server may show their name for up to 30 more seconds from its session cache.");
    return 0;
  }

  private int accessLog(AppConfig config, Map<String, String> o) throws Exception {
    int days = number(o, "--days", 30);
    int limit = number(o, "--limit", 200);
    List<AccessLogRepository.Entry> entries = ToolDatabase.run(config, (vertx, pool) -> AccessLogRepository.list(
        pool, Optional.ofNullable(o.get("--platform")), Optional.ofNullable(o.get("--user")),
        clock.instant().minus(Duration.ofDays(days)), limit));
    if (entries.isEmpty()) {
      out.println("No access recorded in the last " + days + " days.");
      return 0;
    }
    out.printf("%-20s %-4s %-12s %-24s %-20s %-10s %-24s %s%n", "when (UTC)", "via", "platform", "course",
        "who", "role", "what", "whose");
    for (AccessLogRepository.Entry e : entries) {
      out.printf("%-20s %-4s %-12s %-24s %-20s %-10s %-24s %s%n",
          e.at().withOffsetSameInstant(java.time.ZoneOffset.UTC).toLocalDateTime().withNano(0),
          e.channel(), dash(e.platform()), dash(e.courseTitle() != null ? e.courseTitle() : e.courseId()),
          dash(e.viewer()), dash(e.viewerRole()), e.action(), e.subject() == null ? "(whole course)" : e.subject());
    }
    return 0;
  }

  private int research(AppConfig config, Map<String, String> o, String operator) throws Exception {
    Path file = Path.of(o.getOrDefault("--out", "research-export.csv"));
    InstrumentLibrary instruments = InstrumentLibrary.load(config.scenariosDir().resolve("instruments"));
    ResearchExport.Result result = ToolDatabase.run(config, (vertx, pool) -> ResearchExport.export(pool, clock,
        Optional.ofNullable(o.get("--platform")), (instrument, scale) -> instruments.find(instrument)
            .flatMap(i -> i.scale(scale)).map(s -> s.construct()), operator));
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, result.csv(), StandardCharsets.UTF_8);
    out.println("Wrote " + file + ": " + result.rows() + " rows from " + result.coursesIncluded() + " courses; "
        + result.coursesSuppressed() + " courses left out (fewer than 5 learners completed a questionnaire).");
    return 0;
  }

  private int purge(AppConfig config) throws Exception {
    Purge.Result r = ToolDatabase.run(config, (vertx, pool) -> new Purge(pool, config.privacy(), clock,
        "cli").runNow());
    out.println(r.ran() ? "Removed " + r.total() + " rows: " + r.removed()
        : "Not purged: " + r.skipped().orElse("") + ".");
    return 0;
  }

  private static String dash(String s) {
    return s == null || s.isBlank() ? "-" : s;
  }

  /** {@code --name value} pairs and bare flags; null when malformed. */
  private static Map<String, String> options(List<String> args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (FLAGS.contains(a)) {
        o.put(a, "true");
      } else if (a.startsWith("--") && i + 1 < args.size()) {
        o.put(a, args.get(++i));
      } else {
        return null;
      }
    }
    return o;
  }

  private static String required(Map<String, String> o, String name) {
    String v = o.get(name);
    if (v == null || v.isBlank()) {
      throw new Missing(name + " is required.");
    }
    return v;
  }

  private static int number(Map<String, String> o, String name, int dflt) {
    try {
      int n = Integer.parseInt(o.getOrDefault(name, String.valueOf(dflt)));
      if (n < 1) {
        throw new Missing(name + " must be a positive whole number.");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new Missing(name + " must be a whole number.");
    }
  }

  private static final class Missing extends RuntimeException {
    Missing(String message) {
      super(message, null, false, false);
    }
  }
}
