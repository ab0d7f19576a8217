-- Scenario attempts and their append-only choice events. Owned by the scenario package; read by the gradebook.
-- Previews (trainers, anonymous launches) record nothing here.

CREATE TABLE scenario_attempt (
  id                uuid        PRIMARY KEY,
  course_id         bigint      NOT NULL REFERENCES course (id),
  resource_link_id  bigint      NULL REFERENCES resource_link (id),
  person_id         bigint      NOT NULL REFERENCES person (id),
  scenario_id       text        NOT NULL,
  scenario_version  int         NOT NULL,
  content_hash      text        NOT NULL,
  attempt_no        int         NOT NULL CHECK (attempt_no >= 1),
  status            text        NOT NULL CHECK (status IN ('in_progress', 'completed')),
  current_node      text        NOT NULL,
  started_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  completed_at      timestamptz NULL,
  ending_node       text        NULL,
  outcome           text        NULL,
  score             numeric     NULL CHECK (score BETWEEN 0 AND 100),
  competency_scores jsonb       NULL,
  indicators        jsonb       NULL,
  -- The one-time token of the step the learner is on: a choice is recorded only with the current token.
  step_token        text        NOT NULL,
  -- 'each' (coaching after each choice) or 'end' (only on the end page), from the link's custom `feedback`.
  feedback_mode     text        NOT NULL DEFAULT 'each' CHECK (feedback_mode IN ('each', 'end')),
  -- What the grade passback said at completion: QUEUED, NOT_SENT_ANONYMOUS or NOT_SENT_NO_SERVICE.
  delivery          text        NULL,
  UNIQUE (course_id, person_id, scenario_id, attempt_no)
);

CREATE INDEX scenario_attempt_learner ON scenario_attempt (course_id, person_id, scenario_id, attempt_no DESC);
CREATE INDEX scenario_attempt_course ON scenario_attempt (course_id, scenario_id, status);

-- One row per step taken, never updated or deleted. A narration "Continue" is recorded with choice_id ''
-- (and no tags or points), so replaying choice_id in seq order rebuilds the learner's exact place.
CREATE TABLE scenario_choice_event (
  attempt_id uuid        NOT NULL REFERENCES scenario_attempt (id),
  seq        int         NOT NULL CHECK (seq >= 0),
  node_id    text        NOT NULL,
  choice_id  text        NOT NULL,
  tags       text[]      NOT NULL DEFAULT '{}',
  points     jsonb       NOT NULL DEFAULT '{}'::jsonb,
  chosen_at  timestamptz NOT NULL,
  PRIMARY KEY (attempt_id, seq)
);
