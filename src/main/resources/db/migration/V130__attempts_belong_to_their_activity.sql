-- Scenario attempts belong to the activity (resource link) they were started in: a pathway's scenarios are attempts
-- of the pathway's link, and an attempt started in one activity is never resumed, counted or graded in another.
-- Owned by the scenario package (issue 13); read by the pathway page and the trainer gradebook.

-- The link's `activity` custom parameter when the attempt started (e.g. pathway:fathers-core), so trainers and
-- exports can say which activity an attempt belongs to even after a teacher edits the link. Existing attempts take
-- their link's current value; attempts without a link keep NULL (shown as "no activity recorded").
ALTER TABLE scenario_attempt ADD COLUMN activity text NULL;
UPDATE scenario_attempt a SET activity = NULLIF(btrim(l.custom ->> 'activity'), '')
  FROM resource_link l WHERE l.id = a.resource_link_id;

-- Attempt numbers now run per (course, person, scenario, link). Existing numbers stay as they are: they were unique
-- per course, so they are unique per link too. A missing link counts as link 0.
DO $$
DECLARE c text;
BEGIN
  FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = 'scenario_attempt'::regclass AND contype = 'u' LOOP
    EXECUTE format('ALTER TABLE scenario_attempt DROP CONSTRAINT %I', c);
  END LOOP;
END $$;
DROP INDEX IF EXISTS scenario_attempt_learner;
CREATE UNIQUE INDEX scenario_attempt_learner
  ON scenario_attempt (course_id, person_id, scenario_id, (COALESCE(resource_link_id, 0)), attempt_no DESC);
CREATE INDEX scenario_attempt_link ON scenario_attempt (resource_link_id, person_id) WHERE resource_link_id IS NOT NULL;
