package uk.isafe.practice.audit.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.audit.Org;
import uk.isafe.practice.audit.bank.AuditBank;
import uk.isafe.practice.audit.bank.BankText;
import uk.isafe.practice.audit.data.OrgData;
import uk.isafe.practice.audit.data.RoundData;
import uk.isafe.practice.audit.protect.CaseRefHasher;
import uk.isafe.practice.audit.round.PastedCases;
import uk.isafe.practice.audit.round.Sampling;
import uk.isafe.practice.core.Core;

/**
 * A new round from the administrator's form: checks every field and every pasted line (each problem named with its
 * team and line, and the form re-shown with what was typed), samples each team's cases, assigns auditors in turn with
 * a blind second auditor for the double-audit share, hashes the references off the event loop and stores it all in
 * one transaction. The page that follows lists the sample with its references: the only time they are shown.
 */
final class RoundCreation {
  private static final Logger LOG = LoggerFactory.getLogger(RoundCreation.class);
  private final Core core;
  private final AuditContent content;
  private final OrgData orgs;
  private final Function<Org, CaseRefHasher> hashers;
  private final RoundData rounds = new RoundData();
  private final Random random = new SecureRandom();

  RoundCreation(Core core, AuditContent content, OrgData orgs, Function<Org, CaseRefHasher> hashers) {
    this.core = core;
    this.content = content;
    this.orgs = orgs;
    this.hashers = hashers;
  }

  /** One error line: a message key and its arguments. */
  record Error(String key, List<Object> args) {
  }

  Future<Void> form(RoutingContext ctx, AuditRequest r, int status, List<Error> errors, Map<String, String> typed) {
    var teams = orgs.teams(core.pool(), r.org());
    var auditors = rounds.auditors(core.pool(), r.org());
    return Future.all(teams, auditors).compose(x -> {
      Map<String, Object> model = new HashMap<>();
      model.put("banks", content.library().banks().values().stream().map(b -> Map.of("id", b.id(), "version",
          b.version(), "title", b.text(r.locale(), r.nation()).title())).toList());
      AuditBank first = content.library().banks().values().stream().findFirst().orElse(null);
      model.put("stages", first == null ? List.of() : first.stages().stream().map(s -> Map.of("id", s.id(),
          "label", first.text(r.locale(), r.nation()).stage(s.id()))).toList());
      model.put("teams", teams.result());
      model.put("auditors", auditors.result());
      model.put("errors", errors.stream().map(e -> core.pages().catalog(ctx).get(e.key(), e.args().toArray()))
          .toList());
      model.put("typed", typed);
      model.put("settings", r.settings());
      return core.pages().render(ctx, status, "audit/round-new", model);
    });
  }

  Future<Void> create(RoutingContext ctx, AuditRequest r) {
    r.requireAdmin();
    Map<String, String> typed = new HashMap<>();
    ctx.request().formAttributes().forEach(e -> typed.put(e.getKey(), e.getValue()));
    List<Error> errors = new ArrayList<>();
    Optional<String> title = Forms.text(ctx, "title").filter(t -> t.length() <= 120);
    Optional<AuditBank> bank = Forms.text(ctx, "bank").flatMap(b -> content.library().find(b));
    boolean calibration = "calibration".equals(Forms.text(ctx, "kind").orElse("live"));
    Optional<String> theme = Forms.text(ctx, "theme");
    Optional<Integer> perTeam = Forms.intIn(ctx, "casesPerTeam", 1, 200);
    Optional<Integer> share = Forms.intIn(ctx, "doubleShare", 0, 100);
    List<Long> auditors = new ArrayList<>();
    ctx.request().formAttributes().getAll("auditor").forEach(a -> Forms.parseId(a).ifPresent(auditors::add));
    title.ifPresentOrElse(t -> { }, () -> errors.add(new Error("audit.round.error.title", List.of())));
    bank.ifPresentOrElse(t -> { }, () -> errors.add(new Error("audit.round.error.bank", List.of())));
    perTeam.ifPresentOrElse(t -> { }, () -> errors.add(new Error("audit.round.error.perTeam", List.of())));
    share.ifPresentOrElse(t -> { }, () -> errors.add(new Error("audit.round.error.share", List.of())));
    if (auditors.isEmpty()) {
      errors.add(new Error("audit.round.error.auditors", List.of()));
    }
    if (bank.isPresent() && theme.isPresent() && !bank.get().hasStage(theme.get())) {
      errors.add(new Error("audit.round.error.theme", List.of()));
    }
    return Future.all(orgs.teams(core.pool(), r.org()), rounds.auditors(core.pool(), r.org())).compose(x -> {
      List<OrgData.Team> teams = x.resultAt(0);
      List<OrgData.Person> allowed = x.resultAt(1);
      if (!auditors.stream().allMatch(a -> allowed.stream().anyMatch(p -> p.id() == a))) {
        errors.add(new Error("audit.round.error.auditors", List.of()));
      }
      Map<OrgData.Team, List<PastedCases.Line>> listed = new java.util.LinkedHashMap<>();
      if (bank.isPresent()) {
        BankText words = bank.get().text(r.locale(), r.nation());
        for (OrgData.Team t : teams) {
          String pasted = ctx.request().getFormAttribute("cases-" + t.id());
          if (pasted == null || pasted.isBlank()) {
            continue;
          }
          PastedCases.Result parsed = PastedCases.parse(pasted, bank.get(), words);
          parsed.problems().forEach(p -> errors.add(new Error(p.key(), List.of(t.name(), p.line(), p.argument()))));
          if (parsed.valid()) {
            listed.put(t, parsed.cases());
          }
        }
      }
      if (listed.isEmpty() && errors.isEmpty()) {
        errors.add(new Error("audit.round.error.noCases", List.of()));
      }
      if (!errors.isEmpty()) {
        LOG.info("audit round refused reason=invalid-form problems={}", errors.size());
        return form(ctx, r, 400, errors, typed);
      }
      return store(ctx, r, new RoundData.NewRound(title.get(), calibration ? "calibration" : "live", bank.get().id(),
          bank.get().version(), theme.isPresent() ? "themed" : "random", theme, perTeam.get(), share.get()),
          bank.get(), listed, auditors, allowed);
    });
  }

  private Future<Void> store(RoutingContext ctx, AuditRequest r, RoundData.NewRound round, AuditBank bank,
      Map<OrgData.Team, List<PastedCases.Line>> listed, List<Long> auditors, List<OrgData.Person> people) {
    boolean calibration = "calibration".equals(round.kind());
    CaseRefHasher hasher = hashers.apply(r.org());
    List<Sample> sample = new ArrayList<>();
    List<Long> turn = calibration ? List.of(r.personId()) : auditors;
    int position = 0;
    for (Map.Entry<OrgData.Team, List<PastedCases.Line>> e : listed.entrySet()) {
      List<PastedCases.Line> chosen = Sampling.sample(e.getValue(), round.casesPerTeam(), round.theme(), random);
      List<Integer> doubled = calibration ? List.of() : Sampling.doubleAudited(chosen.size(), round.doubleShare(),
          random);
      for (int i = 0; i < chosen.size(); i++) {
        long primary = turn.get(position++ % turn.size());
        long[] who = doubled.contains(i) && turn.size() > 1
            ? new long[] {primary, turn.get(position % turn.size())} : new long[] {primary};
        sample.add(new Sample(e.getKey(), chosen.get(i), who));
      }
    }
    String source = new String(content.library().source(bank.id()).orElseThrow(), StandardCharsets.UTF_8);
    return core.vertx().executeBlocking(() -> sample.stream().map(s -> new RoundData.NewCase(s.team().id(),
        hasher.hash(s.line().reference()), s.line().stage(), s.line().ageBand().map(a -> a.code()), s.auditors()))
        .toList())
        .compose(cases -> core.pool().withTransaction(tx -> rounds.registerBank(tx, bank.id(), bank.version(),
            bank.sha256(), source)
            .compose(v -> rounds.create(tx, r.org(), round, new ArrayList<>(listed.keySet().stream()
                .map(OrgData.Team::id).toList()), r.personId()))
            .compose(id -> rounds.addCases(tx, id, cases, calibration ? "agreed" : "primary")
                .compose(v -> calibration ? rounds.addCalibrationAuditors(tx, id, auditors) : Future.succeededFuture())
                .map(id))))
        .recover(err -> err instanceof RoundData.BankChanged
            ? Future.failedFuture(new uk.isafe.practice.web.HttpProblem(409, "bank-changed",
                "audit.error.bankChanged.title", "audit.error.bankChanged.detail", bank.id(), bank.version()))
            : Future.failedFuture(err))
        .compose(id -> {
          LOG.info("audit round created round={} kind={} cases={} by={}", id, round.kind(), sample.size(),
              r.personId());
          Map<Long, String> names = new HashMap<>();
          people.forEach(p -> names.put(p.id(), p.name()));
          List<Map<String, Object>> rows = new ArrayList<>();
          for (int i = 0; i < sample.size(); i++) {
            Sample s = sample.get(i);
            List<String> who = new ArrayList<>();
            for (long a : s.auditors()) {
              who.add(names.getOrDefault(a, "#" + a));
            }
            rows.add(Map.of("number", i + 1, "team", s.team().name(), "reference", s.line().reference(),
                "stage", s.line().stage().map(st -> bank.text(r.locale(), r.nation()).stage(st)).orElse(""),
                "ageBand", s.line().ageBand().map(a -> a.code()).orElse(""), "auditors", who));
          }
          return core.pages().render(ctx, "audit/round-created", Map.of("roundId", id, "title", round.title(),
              "rows", rows, "calibration", calibration));
        });
  }

  private record Sample(OrgData.Team team, PastedCases.Line line, long[] auditors) {
  }
}
