-- The course list from the platform's Names and Role Provisioning Service, so trainers see learners who have not
-- started. Purpose: the trainer's gradebook. Holds no personal data itself (names stay in person, as the platform
-- shares them); replaced wholly at every refresh, so someone who leaves the course leaves the list; erased with the
-- person or the course (cascade).
CREATE TABLE course_roster (
  course_id bigint NOT NULL REFERENCES course (id) ON DELETE CASCADE,
  person_id bigint NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  role      text   NOT NULL CHECK (role IN ('learner', 'trainer', 'administrator')),
  roles     text[] NOT NULL,
  PRIMARY KEY (course_id, person_id)
);

-- When a course's list was last read, how many it held, and why the last attempt failed (a reason code), if it did.
CREATE TABLE course_roster_sync (
  course_id    bigint      PRIMARY KEY REFERENCES course (id) ON DELETE CASCADE,
  synced_at    timestamptz,
  members      integer     NOT NULL DEFAULT 0,
  attempted_at timestamptz NOT NULL,
  problem      text
);
