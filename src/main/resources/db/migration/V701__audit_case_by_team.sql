-- Issue 20, owned by the audit package (version range V700–V799).

-- A team's cases: the leaders' views count, for every team and round, the cases with results, and found them by
-- reading every case of the round and keeping the team's (with 40 teams, 39 of every 40 cases read were thrown
-- away, for each of the round's teams). Also serves the foreign key from audit_case to audit_team.
CREATE INDEX audit_case_team ON audit_case (team_id, round_id);
