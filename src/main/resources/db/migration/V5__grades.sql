-- Grades for the LMS gradebook (AGS): results, the counted result per stream, the outbox, line items, deliveries.
-- A stream is (resource link, person, kind): one line item and one learner. Owned by the grades/AGS feature.

-- Every result a feature handed over, counted or not; the grading policy marks the one that counts.
CREATE TABLE grade_result (
  id               bigserial PRIMARY KEY,
  course_id        bigint      NOT NULL REFERENCES course (id),
  resource_link_id bigint      NOT NULL REFERENCES resource_link (id),
  person_id        bigint      NOT NULL REFERENCES person (id),
  kind             text        NOT NULL,
  activity_key     text        NOT NULL,
  score_given      numeric     NOT NULL,
  score_maximum    numeric     NOT NULL,
  comment          text,
  completed_at     timestamptz NOT NULL,
  attempt_ref      text,
  counted          boolean     NOT NULL DEFAULT false,
  recorded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX grade_result_stream ON grade_result (resource_link_id, person_id, kind);
CREATE INDEX grade_result_course ON grade_result (course_id) WHERE counted;

-- Per stream: what has been sent, so timestamps only increase and progress never wipes a final result.
CREATE TABLE grade_stream (
  resource_link_id bigint      NOT NULL REFERENCES resource_link (id),
  person_id        bigint      NOT NULL REFERENCES person (id),
  kind             text        NOT NULL,
  has_result       boolean     NOT NULL DEFAULT false,
  started_queued   boolean     NOT NULL DEFAULT false,
  last_timestamp   timestamptz,
  PRIMARY KEY (resource_link_id, person_id, kind)
);

-- Scores waiting for (or done with) delivery. Written in the transaction that records the result.
CREATE TABLE grade_outbox (
  id                bigserial PRIMARY KEY,
  course_id         bigint      NOT NULL REFERENCES course (id),
  resource_link_id  bigint      NOT NULL REFERENCES resource_link (id),
  person_id         bigint      NOT NULL REFERENCES person (id),
  kind              text        NOT NULL,
  result_id         bigint      REFERENCES grade_result (id),
  line_item_label   text        NOT NULL,
  activity_progress text        NOT NULL,
  grading_progress  text        NOT NULL,
  score_given       numeric,
  score_maximum     numeric,
  comment           text,
  status            text        NOT NULL DEFAULT 'queued'
                                CHECK (status IN ('queued', 'delivered', 'failed', 'superseded')),
  attempts          int         NOT NULL DEFAULT 0,
  next_attempt_at   timestamptz NOT NULL DEFAULT now(),
  claimed_by        text,
  claim_until       timestamptz,
  last_status       int,
  last_error        text,
  sent_timestamp    timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  finished_at       timestamptz
);
CREATE INDEX grade_outbox_due ON grade_outbox (next_attempt_at, id) WHERE status = 'queued';
CREATE INDEX grade_outbox_stream ON grade_outbox (resource_link_id, person_id, kind, id);
CREATE INDEX grade_outbox_course_failed ON grade_outbox (course_id) WHERE status = 'failed';
CREATE INDEX grade_outbox_result ON grade_outbox (result_id);

-- Line items the tool found or created in a course, keyed by resource link and tag.
CREATE TABLE grade_line_item (
  resource_link_id bigint      NOT NULL REFERENCES resource_link (id),
  tag              text        NOT NULL,
  url              text        NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (resource_link_id, tag)
);

-- Each request made to the platform for a score, with its answer (trimmed), for support.
CREATE TABLE grade_delivery_log (
  id          bigserial PRIMARY KEY,
  outbox_id   bigint      NOT NULL REFERENCES grade_outbox (id),
  attempted_at timestamptz NOT NULL DEFAULT now(),
  http_status int,
  outcome     text        NOT NULL,
  detail      text
);
CREATE INDEX grade_delivery_log_outbox ON grade_delivery_log (outbox_id);

-- The due scores a worker may claim: oldest first, at most one per stream (a score waits while an older one of its
-- stream is queued), locked so that other instances skip them. The planner settings make it walk the due index in
-- order and stop at the limit: with statistics taken while the outbox was nearly empty (as when an LMS outage builds
-- a backlog) it would otherwise scan and sort every queued row on each claim.
CREATE FUNCTION grade_outbox_due(max_rows int) RETURNS SETOF bigint
LANGUAGE sql VOLATILE
SET enable_bitmapscan = off
SET enable_sort = off
AS $$
  SELECT o.id FROM grade_outbox o
   WHERE o.status = 'queued' AND o.next_attempt_at <= now()
     AND (o.claim_until IS NULL OR o.claim_until < now())
     AND NOT EXISTS (SELECT 1 FROM grade_outbox p
                      WHERE p.resource_link_id = o.resource_link_id AND p.person_id = o.person_id
                        AND p.kind = o.kind AND p.id < o.id AND p.status = 'queued')
   ORDER BY o.next_attempt_at, o.id
   LIMIT max_rows
   FOR UPDATE OF o SKIP LOCKED
$$;
