-- Data protection, owned by the privacy package (versions 180-189). See lti-config/data-protection.md.

-- Minimisation: one display name, and only when the platform shares it. The tool never used the email address or
-- the given and family names apart, so they are no longer kept.
UPDATE person SET name = NULLIF(concat_ws(' ', NULLIF(given_name, ''), NULLIF(family_name, '')), '')
 WHERE name IS NULL OR name = '';
ALTER TABLE person DROP COLUMN given_name, DROP COLUMN family_name, DROP COLUMN email;
-- Launch data nothing reads (the message type, the LTI version, the document target) is no longer kept either.
UPDATE launch_session SET claims = claims - 'lti_version' - 'message_type' - 'document_target' - 'locale';

-- Every view of an individual's results by a trainer or leader, and every export: who, when, what, where.
-- viewer_subject is the LMS user id of the viewer (NULL for the command line, then operator names the OS account);
-- subject is the LMS user id of the person viewed (NULL for a whole-course view or export).
CREATE TABLE privacy_access_log (
  id              bigserial   PRIMARY KEY,
  at              timestamptz NOT NULL,
  channel         text        NOT NULL CHECK (channel IN ('lms', 'cli')),
  registration_id bigint      NULL REFERENCES platform_registration (id) ON DELETE SET NULL,
  course_id       bigint      NULL REFERENCES course (id) ON DELETE SET NULL,
  viewer_subject  text        NULL,
  viewer_role     text        NULL,
  operator        text        NULL,
  action          text        NOT NULL,
  subject         text        NULL
);
CREATE INDEX privacy_access_log_at ON privacy_access_log (at);
CREATE INDEX privacy_access_log_subject ON privacy_access_log (registration_id, subject);

-- One row per erasure. The person is named only by a keyed hash (HMAC) of their LMS user id, so the record proves
-- the erasure without keeping who it was; removed holds the number of rows changed per table.
CREATE TABLE privacy_erasure (
  id              bigserial   PRIMARY KEY,
  registration_id bigint      NOT NULL REFERENCES platform_registration (id) ON DELETE CASCADE,
  subject_key     text        NOT NULL,
  erased_at       timestamptz NOT NULL,
  operator        text        NOT NULL,
  forced          boolean     NOT NULL DEFAULT false,
  removed         jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX privacy_erasure_subject ON privacy_erasure (registration_id, subject_key);

-- The per-deployment secret for keyed hashes (research export pseudonyms, erasure records). Created on first use.
CREATE TABLE privacy_secret (
  id         int         PRIMARY KEY CHECK (id = 1),
  secret     bytea       NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Each daily purge: when, by which instance, how many rows it removed per table.
CREATE TABLE privacy_purge_run (
  id          bigserial   PRIMARY KEY,
  started_at  timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  instance    text        NOT NULL,
  removed     jsonb       NOT NULL
);
CREATE INDEX privacy_purge_run_started ON privacy_purge_run (started_at);
