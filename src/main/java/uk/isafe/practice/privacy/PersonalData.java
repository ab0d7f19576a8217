package uk.isafe.practice.privacy;

import java.util.List;
import java.util.Optional;

/**
 * Every table of the database, declared once: what personal data it holds, for how long, what a subject access
 * export shows of it and what erasure does to it. The purge ({@link Retention}), the export ({@link SubjectAccess}),
 * the erasure ({@link Erasure}) and {@code lti-config/data-protection.md} all follow this list, and a test fails when
 * a migration adds a table that is not declared here and in the document.
 *
 * <p>Adding a table: add a {@link Table} (with {@code export} and {@code erase} when it holds anything about a
 * person), its purge step in {@link Retention} when it has a period, a row in data-protection.md, and the
 * {@code privacy.table.NAME} title in messages-privacy.
 *
 * <p>Export and erasure SQL read the one row of the temporary table {@code privacy_target} (person_id,
 * registration_id, subject, pseudonym): the person being exported or erased.
 */
public final class PersonalData {
  private PersonalData() {
  }

  /** What erasure does to a table's rows about the person. */
  public enum Erasure {
    /** The rows are deleted. */
    DELETED,
    /** Identifying values are replaced by a pseudonym, or removed, so that cohort figures stay as they were. */
    PSEUDONYMISED,
    /** Nothing about a person is held. */
    NOTHING_HELD
  }

  /**
   * One table.
   *
   * @param export a SELECT of the person's rows, or empty when nothing about a person is held
   * @param erase the statements that erase the person from this table, in order
   */
  public record Table(String name, Retention.Period period, Erasure erasure, Optional<String> export,
      List<String> erase) {
  }

  private static final String ME = "(SELECT person_id FROM privacy_target)";

  private static Table none(String name, Retention.Period period) {
    return new Table(name, period, Erasure.NOTHING_HELD, Optional.empty(), List.of());
  }

  private static Table of(String name, Retention.Period period, Erasure erasure, String export, String... erase) {
    return new Table(name, period, erasure, Optional.of(export), List.of(erase));
  }

  /** In the order erasure runs (rows that point at others first). */
  public static final List<Table> TABLES = List.of(
      none("platform_registration", Retention.Period.CONFIGURATION),
      none("platform_deployment", Retention.Period.CONFIGURATION),
      none("course", Retention.Period.CONFIGURATION),
      none("resource_link", Retention.Period.CONFIGURATION),
      none("tool_key", Retention.Period.CONFIGURATION),
      none("lti_state_secret", Retention.Period.CONFIGURATION),
      none("grade_line_item", Retention.Period.CONFIGURATION),
      none("lti1_consumer_secret", Retention.Period.CONFIGURATION),
      none("platform_registration_version", Retention.Period.CONFIGURATION),
      none("lti_deep_link", Retention.Period.SESSIONS),
      none("course_roster_sync", Retention.Period.CONFIGURATION),
      of("course_roster", Retention.Period.LAUNCH_RECORDS, Erasure.DELETED, """
          SELECT c.title AS course, r.role, r.roles
            FROM course_roster r JOIN course c ON c.id = r.course_id WHERE r.person_id = %s
           ORDER BY c.title""".formatted(ME),
          "DELETE FROM course_roster WHERE person_id = " + ME),
      of("gradebook_grant", Retention.Period.CONFIGURATION, Erasure.DELETED, """
          SELECT g.note, g.granted_at
            FROM gradebook_grant g JOIN person p ON p.registration_id = g.registration_id AND p.subject = g.subject
           WHERE p.id = %s""".formatted(ME),
          "DELETE FROM gradebook_grant g USING person p WHERE p.id = " + ME
              + " AND p.registration_id = g.registration_id AND p.subject = g.subject"),
      of("lti1_result_sourcedid", Retention.Period.LAUNCH_RECORDS, Erasure.DELETED, """
          SELECT l.title AS activity, o.sourcedid, o.outcome_url, o.updated_at
            FROM lti1_result_sourcedid o JOIN resource_link l ON l.id = o.resource_link_id WHERE o.person_id = %s
           ORDER BY o.updated_at""".formatted(ME),
          "DELETE FROM lti1_result_sourcedid WHERE person_id = " + ME),
      none("lti_nonce_seen", Retention.Period.SESSIONS),
      of("launch_session", Retention.Period.SESSIONS, Erasure.DELETED, """
          SELECT s.created_at, s.expires_at, c.title AS course, s.role, s.roles, s.locale, s.claims
            FROM launch_session s JOIN course c ON c.id = s.course_id
           WHERE s.person_id = %s ORDER BY s.created_at""".formatted(ME),
          "DELETE FROM launch_session WHERE person_id = " + ME),
      of("grade_delivery_log", Retention.Period.GRADE_OUTBOX, Erasure.DELETED, """
          SELECT d.attempted_at, d.http_status, d.outcome, d.detail FROM grade_delivery_log d
            JOIN grade_outbox o ON o.id = d.outbox_id WHERE o.person_id = %s ORDER BY d.attempted_at""".formatted(ME),
          "DELETE FROM grade_delivery_log WHERE outbox_id IN (SELECT id FROM grade_outbox WHERE person_id = "
              + ME + ")"),
      of("grade_outbox", Retention.Period.GRADE_OUTBOX, Erasure.DELETED, """
          SELECT o.created_at, c.title AS course, o.kind, o.line_item_label, o.activity_progress,
                 o.grading_progress, o.score_given, o.score_maximum, o.comment, o.status, o.attempts,
                 o.last_status, o.last_error, o.finished_at
            FROM grade_outbox o JOIN course c ON c.id = o.course_id WHERE o.person_id = %s
           ORDER BY o.created_at, o.id""".formatted(ME),
          "DELETE FROM grade_outbox WHERE person_id = " + ME),
      of("grade_result", Retention.Period.LEARNING_RECORDS, Erasure.PSEUDONYMISED, """
          SELECT g.completed_at, c.title AS course, g.kind, g.activity_key, g.score_given, g.score_maximum,
                 g.comment, g.counted, g.recorded_at
            FROM grade_result g JOIN course c ON c.id = g.course_id WHERE g.person_id = %s
           ORDER BY g.recorded_at, g.id""".formatted(ME),
          "UPDATE grade_result SET comment = NULL WHERE person_id = " + ME),
      of("grade_stream", Retention.Period.LEARNING_RECORDS, Erasure.PSEUDONYMISED, """
          SELECT l.title AS activity, s.kind, s.has_result, s.last_timestamp
            FROM grade_stream s JOIN resource_link l ON l.id = s.resource_link_id WHERE s.person_id = %s
           ORDER BY l.title, s.kind""".formatted(ME)),
      of("scenario_choice_event", Retention.Period.LEARNING_RECORDS, Erasure.DELETED, """
          SELECT a.scenario_id, a.attempt_no, e.seq, e.node_id, e.choice_id, e.tags, e.points, e.chosen_at
            FROM scenario_choice_event e JOIN scenario_attempt a ON a.id = e.attempt_id WHERE a.person_id = %s
           ORDER BY a.started_at, e.seq""".formatted(ME),
          "DELETE FROM scenario_choice_event WHERE attempt_id IN (SELECT id FROM scenario_attempt WHERE person_id = "
              + ME + ")"),
      of("scenario_attempt", Retention.Period.LEARNING_RECORDS, Erasure.PSEUDONYMISED, """
          SELECT a.id, c.title AS course, a.scenario_id, a.scenario_version, a.attempt_no, a.status,
                 a.current_node, a.started_at, a.updated_at, a.completed_at, a.ending_node, a.outcome, a.score,
                 a.competency_scores, a.indicators, a.feedback_mode, a.delivery
            FROM scenario_attempt a JOIN course c ON c.id = a.course_id WHERE a.person_id = %s
           ORDER BY a.started_at""".formatted(ME)),
      of("assessment_comparison", Retention.Period.LEARNING_RECORDS, Erasure.PSEUDONYMISED, """
          SELECT r.instrument_id, r.wave, c.scale_id, c.from_mean, c.to_mean, c.retrospective_mean, c.items,
                 c.shared_only, c.across_versions
            FROM assessment_comparison c JOIN assessment_response r ON r.id = c.response_id
           WHERE r.person_id = %s ORDER BY r.started_at, c.scale_id""".formatted(ME)),
      of("assessment_scale_score", Retention.Period.LEARNING_RECORDS, Erasure.PSEUDONYMISED, """
          SELECT r.instrument_id, r.wave, s.scale_id, s.mean, s.answered, s.total, s.status, s.retrospective
            FROM assessment_scale_score s JOIN assessment_response r ON r.id = s.response_id
           WHERE r.person_id = %s ORDER BY r.started_at, s.scale_id, s.retrospective""".formatted(ME)),
      of("assessment_response", Retention.Period.LEARNING_RECORDS, Erasure.PSEUDONYMISED, """
          SELECT c.title AS course, r.instrument_id, r.instrument_version, r.wave, r.status, r.answers,
                 r.retrospective_answers, r.sections_done, r.started_at, r.updated_at, r.completed_at
            FROM assessment_response r JOIN course c ON c.id = r.course_id WHERE r.person_id = %s
           ORDER BY r.started_at""".formatted(ME),
          "UPDATE assessment_response SET answers = '{}'::jsonb, retrospective_answers = '{}'::jsonb"
              + " WHERE person_id = " + ME),
      of("enrolment", Retention.Period.LAUNCH_RECORDS, Erasure.PSEUDONYMISED, """
          SELECT c.title AS course, c.context_id, e.role, e.roles, e.last_launch_at
            FROM enrolment e JOIN course c ON c.id = e.course_id WHERE e.person_id = %s
           ORDER BY e.last_launch_at""".formatted(ME)),
      of("privacy_access_log", Retention.Period.ACCESS_LOG, Erasure.PSEUDONYMISED, """
          SELECT a.at, a.channel, c.title AS course, a.viewer_subject, a.viewer_role, a.operator, a.action, a.subject
            FROM privacy_access_log a LEFT JOIN course c ON c.id = a.course_id
           WHERE a.registration_id = (SELECT registration_id FROM privacy_target)
             AND (a.subject = (SELECT subject FROM privacy_target)
               OR a.viewer_subject = (SELECT subject FROM privacy_target))
           ORDER BY a.at, a.id""",
          """
          UPDATE privacy_access_log SET subject = (SELECT pseudonym FROM privacy_target)
           WHERE registration_id = (SELECT registration_id FROM privacy_target)
             AND subject = (SELECT subject FROM privacy_target)""",
          """
          UPDATE privacy_access_log SET viewer_subject = (SELECT pseudonym FROM privacy_target)
           WHERE registration_id = (SELECT registration_id FROM privacy_target)
             AND viewer_subject = (SELECT subject FROM privacy_target)"""),
      none("audit_settings", Retention.Period.CONFIGURATION),
      none("audit_team", Retention.Period.CONFIGURATION),
      none("audit_bank_version", Retention.Period.CONFIGURATION),
      none("audit_round", Retention.Period.CONFIGURATION),
      none("audit_round_team", Retention.Period.CONFIGURATION),
      none("audit_case", Retention.Period.CONFIGURATION),
      none("audit_man", Retention.Period.CONFIGURATION),
      none("audit_answer", Retention.Period.CONFIGURATION),
      none("audit_man_result", Retention.Period.CONFIGURATION),
      of("audit_grant", Retention.Period.CONFIGURATION, Erasure.DELETED, """
          SELECT g.role, t.name AS team, g.granted_at FROM audit_grant g LEFT JOIN audit_team t ON t.id = g.team_id
           WHERE g.person_id = %s ORDER BY g.granted_at""".formatted(ME),
          "DELETE FROM audit_grant WHERE person_id = " + ME,
          "UPDATE audit_grant SET granted_by = NULL WHERE granted_by = " + ME),
      of("audit_team_member", Retention.Period.CONFIGURATION, Erasure.DELETED, """
          SELECT t.name AS team FROM audit_team_member m JOIN audit_team t ON t.id = m.team_id
           WHERE m.person_id = %s ORDER BY t.name""".formatted(ME),
          "DELETE FROM audit_team_member WHERE person_id = " + ME),
      of("audit_assignment", Retention.Period.CONFIGURATION, Erasure.PSEUDONYMISED, """
          SELECT a.kind, a.status, a.judgement, a.updated_at, a.submitted_at FROM audit_assignment a
           WHERE a.auditor_id = %s ORDER BY a.updated_at""".formatted(ME)),
      of("audit_moderation", Retention.Period.CONFIGURATION, Erasure.PSEUDONYMISED, """
          SELECT m.item_id, m.agreed, m.reason, m.moderated_at FROM audit_moderation m
           WHERE m.moderator_id = %s ORDER BY m.moderated_at""".formatted(ME)),
      of("audit_action", Retention.Period.AUDIT, Erasure.PSEUDONYMISED, """
          SELECT x.description, x.due_on, x.status, x.closure_note, x.created_at, x.closed_at FROM audit_action x
           WHERE x.owner_id = %s OR x.created_by = %s ORDER BY x.created_at""".formatted(ME, ME)),
      of("audit_case_view", Retention.Period.AUDIT, Erasure.PSEUDONYMISED, """
          SELECT v.purpose, v.viewed_at FROM audit_case_view v WHERE v.person_id = %s
           ORDER BY v.viewed_at""".formatted(ME)),
      none("privacy_erasure", Retention.Period.ACCESS_LOG),
      none("privacy_purge_run", Retention.Period.ACCESS_LOG),
      none("privacy_secret", Retention.Period.CONFIGURATION),
      of("person", Retention.Period.LAUNCH_RECORDS, Erasure.PSEUDONYMISED, """
          SELECT r.name AS platform, p.subject, p.name, p.updated_at
            FROM person p JOIN platform_registration r ON r.id = p.registration_id WHERE p.id = %s""".formatted(ME),
          "UPDATE person SET subject = (SELECT pseudonym FROM privacy_target), name = NULL, updated_at = now()"
              + " WHERE id = " + ME));

  /** The declared table names. */
  public static List<String> names() {
    return TABLES.stream().map(Table::name).toList();
  }
}
