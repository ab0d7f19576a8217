package uk.isafe.practice.audit.web;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import uk.isafe.practice.audit.Org;
import uk.isafe.practice.audit.bank.AuditBank;
import uk.isafe.practice.audit.bank.BankText;
import uk.isafe.practice.audit.data.ActionData;
import uk.isafe.practice.audit.data.OrgData;
import uk.isafe.practice.audit.data.ResultData;
import uk.isafe.practice.audit.data.RoundData;
import uk.isafe.practice.audit.report.Tally;

/** Everything a team or senior view is drawn from, read side by side in a handful of aggregate queries. */
record ReportData(AuditBank bank, BankText words, List<RoundData.Round> rounds, List<OrgData.Team> teams,
    List<Tally.Cell> cells, List<ResultData.Completion> completion, List<ActionData.Action> actions) {

  static Future<ReportData> load(SqlClient db, Org org, AuditBank bank, BankText words, Optional<Long> actionsOfTeam) {
    ResultData results = new ResultData();
    var rounds = new RoundData().list(db, org);
    var teams = new OrgData().teams(db, org);
    var cells = results.cells(db, org, Optional.empty());
    var completion = results.completion(db, org);
    var actions = new ActionData().list(db, org, actionsOfTeam);
    return Future.all(rounds, teams, cells, completion, actions).map(x -> {
      List<RoundData.Round> live = new ArrayList<>();
      rounds.result().stream().map(RoundData.Summary::round).filter(r -> !r.calibration())
          .sorted(Comparator.comparingLong(RoundData.Round::id)).forEach(live::add);
      List<Tally.Cell> c = cells.result().stream().map(r -> new Tally.Cell(r.roundId(), r.teamId(), r.stage(),
          r.role(), r.indicatorId(), r.met(), r.eligible())).toList();
      return new ReportData(bank, words, live, teams.result(), c, completion.result(), actions.result());
    });
  }

  /** The round asked for, else the latest round with results, else the latest round. */
  Optional<RoundData.Round> selected(Optional<Long> asked) {
    if (asked.isPresent()) {
      return rounds.stream().filter(r -> r.id() == asked.get()).findFirst();
    }
    for (int i = rounds.size() - 1; i >= 0; i--) {
      long id = rounds.get(i).id();
      if (cells.stream().anyMatch(c -> c.roundId() == id)) {
        return Optional.of(rounds.get(i));
      }
    }
    return rounds.isEmpty() ? Optional.empty() : Optional.of(rounds.get(rounds.size() - 1));
  }

  /** The same data with only one round's cells, so per-round figures scan a sixth of the cells, not all. */
  ReportData onlyRound(long roundId) {
    return new ReportData(bank, words, rounds, teams, cells.stream().filter(c -> c.roundId() == roundId).toList(),
        completion, actions);
  }

  String teamName(long id) {
    return teams.stream().filter(t -> t.id() == id).map(OrgData.Team::name).findFirst().orElse("#" + id);
  }
}
