-- Self-assessment questionnaires (pre/post waves). Owned by the assessment package; read by the gradebook.

-- One learner's answers to one wave of one instrument in one course. Answers are saved page by page
-- ({"item-id": 5, ...}); retrospective answers (post only, "thinking back to before this training") are kept
-- apart in their own column and never mixed with the true pre answers.
CREATE TABLE assessment_response (
  id                    bigserial   PRIMARY KEY,
  course_id             bigint      NOT NULL REFERENCES course (id),
  resource_link_id      bigint      NULL REFERENCES resource_link (id),
  person_id             bigint      NOT NULL REFERENCES person (id),
  instrument_id         text        NOT NULL,
  instrument_version    int         NOT NULL,
  wave                  text        NOT NULL CHECK (wave IN ('pre', 'post')),
  status                text        NOT NULL CHECK (status IN ('in_progress', 'completed')),
  answers               jsonb       NOT NULL DEFAULT '{}'::jsonb,
  retrospective_answers jsonb       NOT NULL DEFAULT '{}'::jsonb,
  sections_done         text[]      NOT NULL DEFAULT '{}',
  started_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  completed_at          timestamptz NULL,
  UNIQUE (course_id, person_id, instrument_id, wave)
);

CREATE INDEX assessment_response_course ON assessment_response (course_id, instrument_id, wave);

-- Scale scores of a completed response: the mean of answered items (reverse items already reversed), or NULL with
-- status 'incomplete' when fewer than 80% of the scale's items were answered. retrospective = true rows hold the
-- post-wave "thinking back" block and are reported apart from the true pre score.
CREATE TABLE assessment_scale_score (
  response_id   bigint  NOT NULL REFERENCES assessment_response (id) ON DELETE CASCADE,
  scale_id      text    NOT NULL,
  mean          numeric NULL,
  answered      int     NOT NULL,
  total         int     NOT NULL,
  status        text    NOT NULL CHECK (status IN ('complete', 'incomplete')),
  retrospective boolean NOT NULL DEFAULT false,
  PRIMARY KEY (response_id, scale_id, retrospective)
);
