-- Issue 20, owned by the assessment package (version range V400–V499).

-- A learner's questionnaires by person across courses: the case-file audit's training completion (has this
-- practitioner completed an "after" questionnaire anywhere?) scanned the whole table, and so did erasure and
-- subject access by person.
CREATE INDEX assessment_response_person ON assessment_response (person_id);
