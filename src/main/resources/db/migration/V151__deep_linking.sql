-- A deep-linking request ("Select content" in the LMS) in flight: what the platform accepts, where the answer goes,
-- and the data to echo. The id is a random secret in the picker's URL; the CSRF token guards its form. Used once:
-- answering (choosing or cancelling) sets used_at. Kept an hour; purged with the login states.
CREATE TABLE lti_deep_link (
  id               text        PRIMARY KEY,
  csrf_token       text        NOT NULL,
  registration_id  bigint      NOT NULL REFERENCES platform_registration (id) ON DELETE CASCADE,
  deployment_id    text        NOT NULL,
  return_url       text        NOT NULL,
  settings         jsonb       NOT NULL,
  locale           text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  expires_at       timestamptz NOT NULL,
  used_at          timestamptz
);
CREATE INDEX lti_deep_link_expires ON lti_deep_link (expires_at);
