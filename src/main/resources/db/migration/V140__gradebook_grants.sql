-- The learning team's view across courses (owned by the gradebook; versions 140–149 are the gradebook's).
-- People the tool's administrator lets see every cohort of their platform deployment, besides the LMS's
-- institution administrators. Keyed by the platform registration and the LMS's user id (the launch's sub); the
-- deployment comes from the person's session, so a grant never reaches another platform or deployment.
-- Purpose: access control. Kept until removed with `grants remove` (or the registration is deleted).
CREATE TABLE gradebook_grant (
  registration_id bigint      NOT NULL REFERENCES platform_registration (id) ON DELETE CASCADE,
  subject         text        NOT NULL,
  note            text,
  granted_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registration_id, subject)
);
