package uk.isafe.practice.testsupport;

import java.util.Locale;
import uk.isafe.practice.store.DbSettings;

/**
 * The view benchmarks' data, one local authority at a time, seeded in SQL (fast enough for 100 authorities): its
 * learning (courses, learners, scenario attempts with their choices, questionnaires before and after) and its
 * case-file audit (teams, rounds, cases, answers, results). Names carry {@code prefix}, so authorities never clash.
 */
public final class BenchmarkSeeds {
  private BenchmarkSeeds() {
  }

  /** One authority's learning data, in one deployment: %1$d registration, %2$s deployment, %3$s prefix (no hyphen),
   * %4$d courses, %5$d learners per course. */
  private static final String LEARNING = """
      INSERT INTO course (registration_id, deployment_id, context_id, title)
        SELECT %1$d, '%2$s', '%3$s-c' || c, 'Cohort ' || lpad(c::text, 2, '0') FROM generate_series(1, %4$d) c;
      CREATE TEMP TABLE batch AS SELECT id FROM course
        WHERE registration_id = %1$d AND deployment_id = '%2$s' AND context_id LIKE '%3$s-c%%';
      INSERT INTO resource_link (course_id, link_id, title, custom)
        SELECT b.id, 'l-' || a, 'Link ' || a, jsonb_build_object('activity', a)
        FROM batch b CROSS JOIN unnest(ARRAY['assessment:working-with-fathers:pre', 'scenario:dad-not-on-file',
          'scenario:the-order', 'scenario:dad-abroad', 'assessment:working-with-fathers:post']) a;
      INSERT INTO person (registration_id, subject, name)
        SELECT %1$d, '%3$s-l-' || c || '-' || g, 'Learner ' || c || '-' || g
        FROM generate_series(1, %4$d) c CROSS JOIN generate_series(1, %5$d) g;
      INSERT INTO enrolment (course_id, person_id, role, roles)
        SELECT co.id, p.id, 'learner', '{Learner}' FROM person p
        JOIN course co ON co.registration_id = %1$d AND co.deployment_id = '%2$s'
          AND co.context_id = '%3$s-c' || split_part(p.subject, '-', 3)
        WHERE p.registration_id = %1$d AND p.subject LIKE '%3$s-l-%%';
      INSERT INTO scenario_attempt (id, course_id, person_id, scenario_id, scenario_version, content_hash, attempt_no,
          status, current_node, started_at, updated_at, completed_at, ending_node, outcome, score,
          competency_scores, indicators, step_token)
        SELECT gen_random_uuid(), e.course_id, e.person_id, s, 1, 'h', 1, 'completed', 'x',
          now() - interval '3 days', now() - interval '2 days', now() - interval '2 days', 'end', 'engaged',
          (e.person_id * 37) %% 101, '{"C1_risk_resource": 0.5}'::jsonb, '{}'::jsonb, 'done'
        FROM enrolment e JOIN batch b ON b.id = e.course_id
        CROSS JOIN unnest(ARRAY['dad-not-on-file', 'the-order', 'dad-abroad']) s WHERE e.role = 'learner';
      INSERT INTO scenario_choice_event (attempt_id, seq, node_id, choice_id, tags, points, chosen_at)
        SELECT a.id, s, 'n' || s, 'c' || s, '{OQ}', '{}'::jsonb, a.started_at + make_interval(mins => s)
        FROM scenario_attempt a JOIN batch b ON b.id = a.course_id CROSS JOIN generate_series(1, 8) s;
      INSERT INTO assessment_response (course_id, person_id, instrument_id, instrument_version, wave, status, answers,
          started_at, updated_at, completed_at)
        SELECT e.course_id, e.person_id, 'working-with-fathers', 1, w, 'completed', '{}'::jsonb, now(), now(), now()
        FROM enrolment e JOIN batch b ON b.id = e.course_id CROSS JOIN unnest(ARRAY['pre', 'post']) w
        WHERE e.role = 'learner' AND (w = 'pre' OR e.person_id %% 6 <> 0);
      INSERT INTO assessment_scale_score (response_id, scale_id, mean, answered, total, status, retrospective)
        SELECT r.id, sc, round((2 + (r.person_id %% 9) * 0.4 + CASE WHEN r.wave = 'post'
            THEN 0.3 + (r.person_id %% 4) * 0.3 ELSE 0 END)::numeric, 2), 6, 6, 'complete', false
        FROM assessment_response r JOIN batch b ON b.id = r.course_id
        CROSS JOIN unnest(ARRAY['confidence', 'competence', 'frequency', 'team', 'casework']) sc;
      DROP TABLE batch;
      """;

  /** One authority's case-file audit: %1$d registration, %2$s deployment, %3$s prefix, %4$d first auditor, %5$d teams
   * (10 practitioners each), %6$d rounds (10 cases a team; one in ten audited twice). */
  private static final String AUDIT = """
      INSERT INTO person (registration_id, subject, name) VALUES (%1$d, '%3$s-second', 'Second Auditor');
      INSERT INTO audit_team (registration_id, deployment_id, name)
        SELECT %1$d, '%2$s', 'Team ' || lpad(g::text, 2, '0') FROM generate_series(1, %5$d) g;
      CREATE TEMP TABLE teams AS SELECT id, ltrim(substr(name, 6), '0') AS num FROM audit_team
        WHERE registration_id = %1$d AND deployment_id = '%2$s';
      INSERT INTO person (registration_id, subject, name)
        SELECT %1$d, '%3$s-sw-' || t || '-' || n, 'Practitioner ' || t || '-' || n
        FROM generate_series(1, %5$d) t CROSS JOIN generate_series(1, 10) n;
      INSERT INTO audit_team_member (team_id, person_id)
        SELECT t.id, p.id FROM teams t JOIN person p ON p.registration_id = %1$d
          AND p.subject LIKE '%3$s-sw-%%' AND split_part(p.subject, '-', 3) = t.num;
      INSERT INTO audit_round (registration_id, deployment_id, title, bank_id, bank_version, state, closed_at)
        SELECT %1$d, '%2$s', 'Round ' || g, 'father-inclusion', 1, 'closed', now() FROM generate_series(1, %6$d) g;
      INSERT INTO audit_round_team (round_id, team_id, planned)
        SELECT r.id, t.id, 10 FROM audit_round r CROSS JOIN teams t
        WHERE r.registration_id = %1$d AND r.deployment_id = '%2$s';
      INSERT INTO audit_case (round_id, team_id, number, ref_hash, age_band, stage, double_audit)
        SELECT r.id, t.id, t.id * 100 + n, decode(md5(r.id || '/' || t.id || '/' || n) || md5('x' || r.id || '/'
          || t.id || '/' || n), 'hex'), (ARRAY['under-1','1-4','5-9','10-15','16-plus'])[1 + n %% 5],
          (ARRAY['assessment','cin','cp','lac'])[1 + (t.id + n) %% 4], n = 1
        FROM audit_round r CROSS JOIN teams t CROSS JOIN generate_series(1, 10) n
        WHERE r.registration_id = %1$d AND r.deployment_id = '%2$s';
      CREATE TEMP TABLE cases AS SELECT c.id, c.round_id, c.double_audit FROM audit_case c JOIN teams t ON t.id = c.team_id;
      INSERT INTO audit_assignment (case_id, auditor_id, kind, status, judgement, submitted_at)
        SELECT c.id, %4$d, 'primary', 'submitted', 'good', now() FROM cases c;
      INSERT INTO audit_assignment (case_id, auditor_id, kind, status, judgement, submitted_at)
        SELECT c.id, (SELECT id FROM person WHERE registration_id = %1$d AND subject = '%3$s-second'), 'second',
          'submitted', 'good', now()
        FROM cases c WHERE c.double_audit;
      INSERT INTO audit_man (assignment_id, ordinal, role)
        SELECT a.id, m, (ARRAY['father-resident','father-elsewhere','partner','other-male','unknown'])[1 + (a.case_id + m) %% 5]
        FROM audit_assignment a JOIN cases c ON c.id = a.case_id CROSS JOIN generate_series(1, 2) m;
      INSERT INTO audit_answer (assignment_id, man_ordinal, item_id, answer, na_reason)
        SELECT a.id, m, i, (ARRAY['yes','partly','no','yes'])[1 + (a.id + m + length(i)) %% 4], NULL
        FROM audit_assignment a JOIN cases c ON c.id = a.case_id AND c.double_audit
        CROSS JOIN generate_series(1, 2) m
        CROSS JOIN unnest(ARRAY['m-identified','m-details','m-pr','m-considered','m-informed','m-seen','m-voice',
          'm-attempts','m-risk','m-resource','m-history','m-capacity','m-support','m-checks','m-sources','m-invited',
          'm-plan','m-safety','m-child-view']) i;
      INSERT INTO audit_man_result (case_id, man_ordinal, role, indicator_id, outcome)
        SELECT c.id, m, (ARRAY['father-resident','father-elsewhere','partner','other-male','unknown'])[1 + (c.id + m) %% 5],
          i, (ARRAY['met','not_met','met','not_eligible','not_met'])[1 + (c.id * 3 + m + length(i) + c.round_id) %% 5]
        FROM cases c CROSS JOIN generate_series(1, 2) m
        CROSS JOIN unnest(ARRAY['identified','engaged','assessed','included']) i;
      DROP TABLE cases;
      DROP TABLE teams;
      """;

  /** {@code courses} courses of {@code learners} learners in the deployment. */
  public static void learning(DbSettings db, long registration, String deployment, String prefix, int courses,
      int learners) {
    TestDatabase.execute(db, String.format(Locale.ROOT, LEARNING, registration, deployment, prefix, courses, learners));
  }

  /**
   * {@code teams} teams with {@code rounds} closed rounds of 10 cases each, audited by {@code auditor}; needs the
   * {@code father-inclusion} bank version 1 recorded.
   */
  public static void audit(DbSettings db, long registration, String deployment, String prefix, long auditor,
      int teams, int rounds) {
    TestDatabase.execute(db, String.format(Locale.ROOT, AUDIT, registration, deployment, prefix, auditor, teams,
        rounds));
  }
}
