-- LTI 1.1 (Totara, older Moodle): a consumer is a registration of protocol lti1p1, keyed by its consumer key, with a
-- shared secret (HMAC-SHA1). Its courses, people, links, sessions and grades use the same tables as LTI 1.3.
-- Owned by lti.v1p1.
ALTER TABLE platform_registration ADD COLUMN protocol text NOT NULL DEFAULT 'lti1p3'
  CHECK (protocol IN ('lti1p3', 'lti1p1'));

-- The shared secret of an LTI 1.1 consumer: needed to check launches and to sign outcomes. Never logged or shown.
CREATE TABLE lti1_consumer_secret (
  registration_id bigint      PRIMARY KEY REFERENCES platform_registration (id) ON DELETE CASCADE,
  shared_secret   text        NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Where a learner's result on a link goes back (Basic Outcomes): the consumer's outcome service URL and the
-- sourcedid it gave for this learner on this link, as of their last launch.
CREATE TABLE lti1_result_sourcedid (
  resource_link_id bigint      NOT NULL REFERENCES resource_link (id),
  person_id        bigint      NOT NULL REFERENCES person (id),
  sourcedid        text        NOT NULL,
  outcome_url      text        NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (resource_link_id, person_id)
);
