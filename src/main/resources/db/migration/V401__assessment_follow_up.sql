-- Self-assessments gain a third wave, the follow-up, some weeks after the learner's post wave (issue 12).
ALTER TABLE assessment_response DROP CONSTRAINT assessment_response_wave_check;
ALTER TABLE assessment_response ADD CONSTRAINT assessment_response_wave_check
  CHECK (wave IN ('pre', 'post', 'follow-up'));

-- A learner's change from their pre wave to a later wave (post or follow-up), per scale the later wave asks, worked
-- out when the later of the two is completed (and again if pre is completed after it). Both means are on the same
-- items: all of the scale's items within one instrument version; across versions only the items both share
-- (shared_only). The retrospective ("thinking back") mean on the same items sits beside, never in place of, the
-- pre mean. Rows go when either response goes. No personal data beyond the responses they derive from.
CREATE TABLE assessment_comparison (
  response_id        bigint  NOT NULL REFERENCES assessment_response (id) ON DELETE CASCADE,
  from_response_id   bigint  NOT NULL REFERENCES assessment_response (id) ON DELETE CASCADE,
  scale_id           text    NOT NULL,
  from_mean          numeric NULL,
  to_mean            numeric NULL,
  retrospective_mean numeric NULL,
  items              int     NOT NULL,
  shared_only        boolean NOT NULL,
  across_versions    boolean NOT NULL,
  PRIMARY KEY (response_id, scale_id)
);

CREATE INDEX assessment_comparison_from ON assessment_comparison (from_response_id);
