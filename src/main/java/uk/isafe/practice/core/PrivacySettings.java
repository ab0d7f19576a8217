package uk.isafe.practice.core;

import java.time.Duration;

/**
 * What personal data is kept and for how long (see {@code lti-config/data-protection.md}). Every period counts from
 * the last time the record was used, and is applied by the daily purge.
 *
 * @param storeNames {@code STORE_NAMES}: keep the display name the platform shares (never an email); off = keep
 *     none, pages and exports then show the LMS user id
 * @param sessions {@code RETAIN_SESSIONS_DAYS}: sessions and replay nonces, after they expire
 * @param launchRecords {@code RETAIN_LAUNCH_RECORDS_DAYS}: enrolments (who launched which course, with roles) and
 *     the person row, after the last launch, once no learning record is left
 * @param learningRecords {@code RETAIN_LEARNING_RECORDS_DAYS}: a learner's whole record in one course (attempts
 *     and choices, questionnaire answers and scale scores, results), after their last activity in that course
 * @param gradeOutbox {@code RETAIN_GRADE_OUTBOX_DAYS}: delivered, superseded or failed grade deliveries and their
 *     request log, after they finished
 * @param audit {@code RETAIN_AUDIT_DAYS}: case-file audit records, after they were last changed
 * @param accessLog {@code RETAIN_ACCESS_LOG_DAYS}: the access log, erasure records and purge runs
 */
public record PrivacySettings(
    boolean storeNames,
    Duration sessions,
    Duration launchRecords,
    Duration learningRecords,
    Duration gradeOutbox,
    Duration audit,
    Duration accessLog) {

  /** The defaults, as in {@link AppConfig#DEFAULTS}. */
  public static PrivacySettings defaults() {
    return new PrivacySettings(true, Duration.ofDays(1), Duration.ofDays(730), Duration.ofDays(1095),
        Duration.ofDays(90), Duration.ofDays(2190), Duration.ofDays(730));
  }
}
