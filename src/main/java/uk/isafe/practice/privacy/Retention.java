package uk.isafe.practice.privacy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import uk.isafe.practice.core.PrivacySettings;

/**
 * The retention periods and the purge's steps, in the order they run. A step's SQL takes the period's cut-off as
 * {@code $1} when it has one; steps without {@code $1} act on what an earlier step selected.
 *
 * <p>Cohort figures stay consistent because a learner's record in a course goes as a whole: attempts with their
 * choices, questionnaire responses with their scale scores, results, deliveries and the enrolment are removed
 * together, once the learner's last activity in that course is older than the learning-records period, and never
 * while a grade of theirs there is still queued for the LMS. A cohort therefore never shows half a learner (a pre
 * score without its post, a best score without its attempts); it shows the learners whose records are still kept.
 */
public final class Retention {
  private Retention() {
  }

  /** Which setting a table's rows are kept under. */
  public enum Period {
    /** {@code RETAIN_SESSIONS_DAYS}, after a session or nonce expires. */
    SESSIONS,
    /** {@code RETAIN_LAUNCH_RECORDS_DAYS}, after the last launch. */
    LAUNCH_RECORDS,
    /** {@code RETAIN_LEARNING_RECORDS_DAYS}, after the learner's last activity in the course. */
    LEARNING_RECORDS,
    /** {@code RETAIN_GRADE_OUTBOX_DAYS}, after a delivery finished. */
    GRADE_OUTBOX,
    /** {@code RETAIN_AUDIT_DAYS}, after an audit record was last changed. */
    AUDIT,
    /** {@code RETAIN_ACCESS_LOG_DAYS}. */
    ACCESS_LOG,
    /** Configuration, kept while the tool is installed: no personal data. */
    CONFIGURATION;

    /** The period's length, or empty for configuration. */
    public Optional<Duration> of(PrivacySettings s) {
      return Optional.ofNullable(switch (this) {
        case SESSIONS -> s.sessions();
        case LAUNCH_RECORDS -> s.launchRecords();
        case LEARNING_RECORDS -> s.learningRecords();
        case GRADE_OUTBOX -> s.gradeOutbox();
        case AUDIT -> s.audit();
        case ACCESS_LOG -> s.accessLog();
        case CONFIGURATION -> null;
      });
    }
  }

  /**
   * One statement of the purge. {@code table} names what its count is reported under; a step with an empty table
   * prepares a selection and reports nothing.
   */
  public record Step(String table, Period period, String sql) {
    boolean takesCutoff() {
      return sql.contains("$1");
    }
  }

  /** The learners whose whole record in a course is due to go (see the class comment). */
  private static final String SELECT_LEARNERS = """
      INSERT INTO privacy_purge_learner (course_id, person_id)
      SELECT course_id, person_id FROM (
        SELECT course_id, person_id, max(t) AS last_activity FROM (
          SELECT course_id, person_id, updated_at AS t FROM scenario_attempt
          UNION ALL SELECT course_id, person_id, updated_at FROM assessment_response
          UNION ALL SELECT course_id, person_id, recorded_at FROM grade_result
          UNION ALL SELECT course_id, person_id, created_at FROM grade_outbox
          UNION ALL SELECT course_id, person_id, last_launch_at FROM enrolment) activity
         GROUP BY course_id, person_id) l
       WHERE last_activity < $1
         AND NOT EXISTS (SELECT 1 FROM grade_outbox o WHERE o.course_id = l.course_id AND o.person_id = l.person_id
                           AND o.status = 'queued')
         AND (EXISTS (SELECT 1 FROM scenario_attempt a WHERE a.course_id = l.course_id AND a.person_id = l.person_id)
           OR EXISTS (SELECT 1 FROM assessment_response r WHERE r.course_id = l.course_id AND r.person_id = l.person_id)
           OR EXISTS (SELECT 1 FROM grade_result g WHERE g.course_id = l.course_id AND g.person_id = l.person_id)
           OR EXISTS (SELECT 1 FROM grade_outbox o WHERE o.course_id = l.course_id AND o.person_id = l.person_id))""";

  private static final String LEARNER = "(course_id, person_id) IN (SELECT course_id, person_id FROM privacy_purge_learner)";

  /** The purge, in order. */
  public static final List<Step> STEPS = List.of(
      new Step("launch_session", Period.SESSIONS, "DELETE FROM launch_session WHERE expires_at < $1"),
      new Step("lti_nonce_seen", Period.SESSIONS, "DELETE FROM lti_nonce_seen WHERE expires_at < $1"),
      new Step("lti_deep_link", Period.SESSIONS, "DELETE FROM lti_deep_link WHERE expires_at < $1"),
      new Step("grade_delivery_log", Period.GRADE_OUTBOX, """
          DELETE FROM grade_delivery_log WHERE outbox_id IN (SELECT id FROM grade_outbox
           WHERE status <> 'queued' AND COALESCE(finished_at, created_at) < $1)"""),
      new Step("grade_outbox", Period.GRADE_OUTBOX,
          "DELETE FROM grade_outbox WHERE status <> 'queued' AND COALESCE(finished_at, created_at) < $1"),
      new Step("", Period.LEARNING_RECORDS, SELECT_LEARNERS),
      new Step("scenario_choice_event", Period.LEARNING_RECORDS,
          "DELETE FROM scenario_choice_event WHERE attempt_id IN (SELECT id FROM scenario_attempt WHERE "
              + LEARNER + ")"),
      new Step("scenario_attempt", Period.LEARNING_RECORDS, "DELETE FROM scenario_attempt WHERE " + LEARNER),
      new Step("assessment_scale_score", Period.LEARNING_RECORDS,
          "DELETE FROM assessment_scale_score WHERE response_id IN (SELECT id FROM assessment_response WHERE "
              + LEARNER + ")"),
      new Step("assessment_comparison", Period.LEARNING_RECORDS,
          "DELETE FROM assessment_comparison WHERE response_id IN (SELECT id FROM assessment_response WHERE "
              + LEARNER + ")"),
      new Step("assessment_response", Period.LEARNING_RECORDS, "DELETE FROM assessment_response WHERE " + LEARNER),
      new Step("lti1_result_sourcedid", Period.LEARNING_RECORDS, """
          DELETE FROM lti1_result_sourcedid s USING resource_link l, privacy_purge_learner p
           WHERE l.id = s.resource_link_id AND p.course_id = l.course_id AND p.person_id = s.person_id"""),
      new Step("grade_delivery_log", Period.LEARNING_RECORDS,
          "DELETE FROM grade_delivery_log WHERE outbox_id IN (SELECT id FROM grade_outbox WHERE " + LEARNER + ")"),
      new Step("grade_outbox", Period.LEARNING_RECORDS, "DELETE FROM grade_outbox WHERE " + LEARNER),
      new Step("grade_result", Period.LEARNING_RECORDS, "DELETE FROM grade_result WHERE " + LEARNER),
      new Step("grade_stream", Period.LEARNING_RECORDS, """
          DELETE FROM grade_stream s USING resource_link l, privacy_purge_learner p
           WHERE l.id = s.resource_link_id AND p.course_id = l.course_id AND p.person_id = s.person_id"""),
      new Step("enrolment", Period.LEARNING_RECORDS, "DELETE FROM enrolment WHERE " + LEARNER),
      new Step("enrolment", Period.LAUNCH_RECORDS, """
          DELETE FROM enrolment e WHERE e.last_launch_at < $1
             AND NOT EXISTS (SELECT 1 FROM scenario_attempt a WHERE a.course_id = e.course_id AND a.person_id = e.person_id)
             AND NOT EXISTS (SELECT 1 FROM assessment_response r WHERE r.course_id = e.course_id AND r.person_id = e.person_id)
             AND NOT EXISTS (SELECT 1 FROM grade_result g WHERE g.course_id = e.course_id AND g.person_id = e.person_id)
             AND NOT EXISTS (SELECT 1 FROM grade_outbox o WHERE o.course_id = e.course_id AND o.person_id = e.person_id)"""),
      new Step("lti1_result_sourcedid", Period.LAUNCH_RECORDS, """
          DELETE FROM lti1_result_sourcedid s WHERE s.updated_at < $1
             AND NOT EXISTS (SELECT 1 FROM grade_outbox o WHERE o.resource_link_id = s.resource_link_id
                               AND o.person_id = s.person_id AND o.status = 'queued')"""),
      new Step("course_roster", Period.LAUNCH_RECORDS, """
          DELETE FROM course_roster r USING course_roster_sync s
           WHERE s.course_id = r.course_id AND COALESCE(s.synced_at, s.attempted_at) < $1"""),
      new Step("audit_case_view", Period.AUDIT, "DELETE FROM audit_case_view WHERE viewed_at < $1"),
      new Step("audit_action", Period.AUDIT,
          "DELETE FROM audit_action WHERE status IN ('done', 'cancelled') AND closed_at < $1"),
      new Step("person", Period.LAUNCH_RECORDS, """
          DELETE FROM person p WHERE p.updated_at < $1
             AND NOT EXISTS (SELECT 1 FROM audit_grant g WHERE g.person_id = p.id OR g.granted_by = p.id)
             AND NOT EXISTS (SELECT 1 FROM audit_team_member m WHERE m.person_id = p.id)
             AND NOT EXISTS (SELECT 1 FROM audit_assignment a WHERE a.auditor_id = p.id)
             AND NOT EXISTS (SELECT 1 FROM audit_moderation m WHERE m.moderator_id = p.id)
             AND NOT EXISTS (SELECT 1 FROM audit_action x WHERE x.owner_id = p.id OR x.created_by = p.id)
             AND NOT EXISTS (SELECT 1 FROM audit_case_view v WHERE v.person_id = p.id)
             AND NOT EXISTS (SELECT 1 FROM audit_round r WHERE r.created_by = p.id)
             AND NOT EXISTS (SELECT 1 FROM lti1_result_sourcedid s WHERE s.person_id = p.id)
             AND NOT EXISTS (SELECT 1 FROM enrolment e WHERE e.person_id = p.id)
             AND NOT EXISTS (SELECT 1 FROM launch_session s WHERE s.person_id = p.id)
             AND NOT EXISTS (SELECT 1 FROM scenario_attempt a WHERE a.person_id = p.id)
             AND NOT EXISTS (SELECT 1 FROM assessment_response r WHERE r.person_id = p.id)
             AND NOT EXISTS (SELECT 1 FROM grade_result g WHERE g.person_id = p.id)
             AND NOT EXISTS (SELECT 1 FROM grade_stream g WHERE g.person_id = p.id)
             AND NOT EXISTS (SELECT 1 FROM grade_outbox o WHERE o.person_id = p.id)"""),
      new Step("privacy_access_log", Period.ACCESS_LOG, "DELETE FROM privacy_access_log WHERE at < $1"),
      new Step("privacy_erasure", Period.ACCESS_LOG, "DELETE FROM privacy_erasure WHERE erased_at < $1"),
      new Step("privacy_purge_run", Period.ACCESS_LOG, "DELETE FROM privacy_purge_run WHERE started_at < $1"));

  /** With {@code STORE_NAMES=false}, names kept from before the setting changed go at the next purge. */
  static final Step NAMES = new Step("person.name", Period.LAUNCH_RECORDS,
      "UPDATE person SET name = NULL WHERE name IS NOT NULL");
}
