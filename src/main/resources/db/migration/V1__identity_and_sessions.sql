-- Who launches the tool and from where. Owned by the lti package; read by every feature.

-- A platform (LMS) registration: one per (issuer, client_id). Loaded from lti-config/platforms/*.yaml,
-- added on the command line, or created by dynamic registration.
CREATE TABLE platform_registration (
  id                        bigserial PRIMARY KEY,
  name                      text        NOT NULL UNIQUE,
  issuer                    text        NOT NULL,
  client_id                 text        NOT NULL,
  auth_login_url            text        NOT NULL,
  auth_token_url            text        NOT NULL,
  key_set_url               text        NOT NULL,
  token_audience            text,
  unknown_deployment_policy text        NOT NULL DEFAULT 'reject'
                                        CHECK (unknown_deployment_policy IN ('reject', 'pending')),
  enabled                   boolean     NOT NULL DEFAULT true,
  source                    text        NOT NULL DEFAULT 'file' CHECK (source IN ('file', 'cli', 'dynamic')),
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  UNIQUE (issuer, client_id)
);

-- Deployments of a registration (Moodle: the tool type id). Unknown ones are rejected or recorded as pending.
CREATE TABLE platform_deployment (
  registration_id bigint      NOT NULL REFERENCES platform_registration (id) ON DELETE CASCADE,
  deployment_id   text        NOT NULL,
  status          text        NOT NULL CHECK (status IN ('active', 'pending', 'disabled')),
  first_seen_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registration_id, deployment_id)
);

-- A course (LTI context). A launch without a context gets one keyed 'link:<resource link id>'.
CREATE TABLE course (
  id              bigserial PRIMARY KEY,
  registration_id bigint      NOT NULL REFERENCES platform_registration (id),
  deployment_id   text        NOT NULL,
  context_id      text        NOT NULL,
  title           text,
  label           text,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (registration_id, deployment_id, context_id)
);

-- A person as the platform identifies them (sub). Names and email only when the platform shares them.
CREATE TABLE person (
  id              bigserial PRIMARY KEY,
  registration_id bigint      NOT NULL REFERENCES platform_registration (id),
  subject         text        NOT NULL,
  name            text,
  given_name      text,
  family_name     text,
  email           text,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (registration_id, subject)
);

-- A person's role in a course, as of their last launch.
CREATE TABLE enrolment (
  course_id      bigint      NOT NULL REFERENCES course (id),
  person_id      bigint      NOT NULL REFERENCES person (id),
  role           text        NOT NULL CHECK (role IN ('learner', 'trainer', 'administrator')),
  roles          text[]      NOT NULL,
  last_launch_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (course_id, person_id)
);

-- A resource link (an activity in the course) and what it delivers.
CREATE TABLE resource_link (
  id            bigserial PRIMARY KEY,
  course_id     bigint      NOT NULL REFERENCES course (id),
  link_id       text        NOT NULL,
  title         text,
  custom        jsonb       NOT NULL DEFAULT '{}'::jsonb,
  lineitem_url  text,
  lineitems_url text,
  ags_scopes    text[]      NOT NULL DEFAULT '{}',
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (course_id, link_id)
);

-- A server-side session after a valid launch. Any instance can serve it. Only a hash of the token is kept.
CREATE TABLE launch_session (
  id               uuid        PRIMARY KEY,
  token_hash       bytea       NOT NULL UNIQUE,
  csrf_token       text        NOT NULL,
  registration_id  bigint      NOT NULL REFERENCES platform_registration (id),
  deployment_id    text        NOT NULL,
  course_id        bigint      NOT NULL REFERENCES course (id),
  resource_link_id bigint      REFERENCES resource_link (id),
  person_id        bigint      REFERENCES person (id),
  role             text        NOT NULL CHECK (role IN ('learner', 'trainer', 'administrator')),
  roles            text[]      NOT NULL,
  locale           text,
  claims           jsonb       NOT NULL DEFAULT '{}'::jsonb,
  created_at       timestamptz NOT NULL DEFAULT now(),
  expires_at       timestamptz NOT NULL
);
CREATE INDEX launch_session_expires ON launch_session (expires_at);
