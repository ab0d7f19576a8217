-- Father-inclusion case-file audit. Owned by the audit package (version range V700–V799).
-- An organisation is a platform deployment (registration_id, deployment_id). Data protection, for the DPIA:
--   * a case is stored only as a keyed hash of its reference (HMAC-SHA256 under a per-organisation key derived from
--     the AUDIT_CASE_REF_SECRET setting, which is never stored here), with an age band, a stage and a team;
--   * no name of a child or of a man is stored anywhere: men are recorded by their role in the child's life;
--   * the optional comments are short and refused when they look like names, dates, addresses or contact details;
--   * raw answers are deleted after audit_settings.retention_months from the round's closing; the per-man indicator
--     results (audit_man_result) are aggregates and are kept;
--   * every view of a case is recorded in audit_case_view.

CREATE TABLE audit_settings (
  registration_id     bigint  NOT NULL REFERENCES platform_registration (id),
  deployment_id       text    NOT NULL,
  nation              text    NOT NULL DEFAULT 'england' CHECK (nation IN ('england', 'wales')),
  calibration_pass    int     NOT NULL DEFAULT 90 CHECK (calibration_pass BETWEEN 50 AND 100),
  double_audit_share  int     NOT NULL DEFAULT 10 CHECK (double_audit_share BETWEEN 0 AND 100),
  retention_months    int     NOT NULL DEFAULT 24 CHECK (retention_months BETWEEN 1 AND 120),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registration_id, deployment_id)
);

CREATE TABLE audit_team (
  id              bigserial PRIMARY KEY,
  registration_id bigint  NOT NULL REFERENCES platform_registration (id),
  deployment_id   text    NOT NULL,
  name            text    NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (registration_id, deployment_id, name)
);

-- The practitioners of a team, so that training completion can be set beside the team's audit rates (team level
-- only, never per person in any audit view).
CREATE TABLE audit_team_member (
  team_id   bigint NOT NULL REFERENCES audit_team (id) ON DELETE CASCADE,
  person_id bigint NOT NULL REFERENCES person (id),
  PRIMARY KEY (team_id, person_id)
);

-- Audit roles granted in the tool, per person. team_id is set for team leaders (their team) and members.
CREATE TABLE audit_grant (
  id              bigserial PRIMARY KEY,
  registration_id bigint  NOT NULL REFERENCES platform_registration (id),
  deployment_id   text    NOT NULL,
  person_id       bigint  NOT NULL REFERENCES person (id),
  role            text    NOT NULL CHECK (role IN ('administrator', 'auditor', 'moderator', 'team_leader',
                                                   'senior_leader')),
  team_id         bigint  NULL REFERENCES audit_team (id) ON DELETE CASCADE,
  granted_by      bigint  NULL REFERENCES person (id),
  granted_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'team_leader') = (team_id IS NOT NULL))
);
CREATE UNIQUE INDEX audit_grant_unique ON audit_grant (registration_id, deployment_id, person_id, role,
  coalesce(team_id, 0));

-- A bank version as it was first used: the exact source, so a round can always be shown as run, and a changed file
-- that keeps its version number is caught.
CREATE TABLE audit_bank_version (
  bank_id      text    NOT NULL,
  version      int     NOT NULL,
  sha256       text    NOT NULL,
  source       text    NOT NULL,
  first_used_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (bank_id, version)
);

CREATE TABLE audit_round (
  id              bigserial PRIMARY KEY,
  registration_id bigint  NOT NULL REFERENCES platform_registration (id),
  deployment_id   text    NOT NULL,
  title           text    NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  kind            text    NOT NULL DEFAULT 'live' CHECK (kind IN ('live', 'calibration')),
  bank_id         text    NOT NULL,
  bank_version    int     NOT NULL,
  state           text    NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'open', 'moderating', 'closed')),
  sampling        text    NOT NULL DEFAULT 'random' CHECK (sampling IN ('random', 'themed')),
  theme           text    NULL CHECK (length(theme) <= 120),
  cases_per_team  int     NOT NULL DEFAULT 10 CHECK (cases_per_team BETWEEN 1 AND 200),
  double_share    int     NOT NULL DEFAULT 10 CHECK (double_share BETWEEN 0 AND 100),
  created_by      bigint  NULL REFERENCES person (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  opened_at       timestamptz NULL,
  moderating_at   timestamptz NULL,
  closed_at       timestamptz NULL,
  version         int     NOT NULL DEFAULT 0,
  FOREIGN KEY (bank_id, bank_version) REFERENCES audit_bank_version (bank_id, version)
);
CREATE INDEX audit_round_org ON audit_round (registration_id, deployment_id, created_at);

CREATE TABLE audit_round_team (
  round_id bigint NOT NULL REFERENCES audit_round (id) ON DELETE CASCADE,
  team_id  bigint NOT NULL REFERENCES audit_team (id),
  planned  int    NOT NULL,
  PRIMARY KEY (round_id, team_id)
);

-- A sampled child. ref_hash is the keyed hash of the case reference; the reference itself is never stored (the
-- administrator sees the sample once, to pass on; auditors open a case by its number or by typing its reference).
CREATE TABLE audit_case (
  id          bigserial PRIMARY KEY,
  round_id    bigint  NOT NULL REFERENCES audit_round (id) ON DELETE CASCADE,
  team_id     bigint  NOT NULL REFERENCES audit_team (id),
  number      int     NOT NULL,
  ref_hash    bytea   NOT NULL CHECK (length(ref_hash) = 32),
  age_band    text    NULL CHECK (age_band IN ('under-1', '1-4', '5-9', '10-15', '16-plus')),
  stage       text    NULL,
  double_audit boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (round_id, ref_hash),
  UNIQUE (round_id, number)
);
CREATE INDEX audit_case_ref ON audit_case (ref_hash);

-- One auditor's audit of one case. A double-audited case has two ('primary', 'second'), made blind to each other;
-- on a calibration case, 'agreed' holds the agreed answers and each trainee auditor has a 'calibration' one. version guards against a stale form overwriting newer work.
CREATE TABLE audit_assignment (
  id           bigserial PRIMARY KEY,
  case_id      bigint  NOT NULL REFERENCES audit_case (id) ON DELETE CASCADE,
  auditor_id   bigint  NOT NULL REFERENCES person (id),
  kind         text    NOT NULL DEFAULT 'primary' CHECK (kind IN ('primary', 'second', 'agreed', 'calibration')),
  status       text    NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned', 'in_progress', 'submitted')),
  judgement    text    NULL,
  comment      text    NULL CHECK (length(comment) <= 1000),
  version      int     NOT NULL DEFAULT 0,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  submitted_at timestamptz NULL,
  UNIQUE (case_id, auditor_id)
);
CREATE UNIQUE INDEX audit_assignment_kind ON audit_assignment (case_id, kind) WHERE kind <> 'calibration';
CREATE INDEX audit_assignment_auditor ON audit_assignment (auditor_id, status);

-- A man in the child's life as one auditor recorded him: a role and a position, never a name.
CREATE TABLE audit_man (
  id            bigserial PRIMARY KEY,
  assignment_id bigint  NOT NULL REFERENCES audit_assignment (id) ON DELETE CASCADE,
  ordinal       int     NOT NULL,
  role          text    NOT NULL,
  UNIQUE (assignment_id, ordinal)
);

-- Raw answers (deleted after the retention period). man_ordinal 0 is the per-child answer.
CREATE TABLE audit_answer (
  assignment_id bigint  NOT NULL REFERENCES audit_assignment (id) ON DELETE CASCADE,
  man_ordinal   int     NOT NULL,
  item_id       text    NOT NULL,
  answer        text    NOT NULL CHECK (answer IN ('yes', 'partly', 'no', 'na')),
  na_reason     text    NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((answer = 'na') = (na_reason IS NOT NULL)),
  PRIMARY KEY (assignment_id, man_ordinal, item_id)
);

-- Per man and indicator, computed when the counted audit of a case is final (after moderation where there is one).
-- Aggregates: kept after raw answers are deleted.
CREATE TABLE audit_man_result (
  case_id      bigint  NOT NULL REFERENCES audit_case (id) ON DELETE CASCADE,
  man_ordinal  int     NOT NULL,
  role         text    NOT NULL,
  indicator_id text    NOT NULL,
  outcome      text    NOT NULL CHECK (outcome IN ('met', 'not_met', 'not_eligible')),
  PRIMARY KEY (case_id, man_ordinal, indicator_id)
);

-- A moderator's agreed value for an item on which the two audits of a case disagreed, with the reason.
CREATE TABLE audit_moderation (
  case_id      bigint  NOT NULL REFERENCES audit_case (id) ON DELETE CASCADE,
  man_ordinal  int     NOT NULL,
  item_id      text    NOT NULL,
  agreed       text    NOT NULL CHECK (agreed IN ('yes', 'partly', 'no', 'na')),
  na_reason    text    NULL,
  reason       text    NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  moderator_id bigint  NOT NULL REFERENCES person (id),
  moderated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, man_ordinal, item_id)
);

CREATE TABLE audit_action (
  id              bigserial PRIMARY KEY,
  registration_id bigint  NOT NULL REFERENCES platform_registration (id),
  deployment_id   text    NOT NULL,
  team_id         bigint  NOT NULL REFERENCES audit_team (id),
  round_id        bigint  NULL REFERENCES audit_round (id) ON DELETE SET NULL,
  case_id         bigint  NULL REFERENCES audit_case (id) ON DELETE SET NULL,
  item_id         text    NULL,
  description     text    NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
  owner_id        bigint  NOT NULL REFERENCES person (id),
  due_on          date    NOT NULL,
  status          text    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
  closure_note    text    NULL CHECK (length(closure_note) <= 500),
  created_by      bigint  NOT NULL REFERENCES person (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  closed_at       timestamptz NULL,
  CHECK ((status IN ('done', 'cancelled')) = (closure_note IS NOT NULL))
);
CREATE INDEX audit_action_team ON audit_action (team_id, status, due_on);

-- Every view of a case (form, moderation or look-up), for the organisation's records.
CREATE TABLE audit_case_view (
  id        bigserial PRIMARY KEY,
  case_id   bigint  NOT NULL REFERENCES audit_case (id) ON DELETE CASCADE,
  person_id bigint  NOT NULL REFERENCES person (id),
  purpose   text    NOT NULL CHECK (purpose IN ('audit', 'moderate', 'lookup', 'action')),
  viewed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_case_view_case ON audit_case_view (case_id, viewed_at);
