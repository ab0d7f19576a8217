-- Issue 20, owned by the lti packages (version range V150–V159).

-- A login's state is no longer stored: the tool signs what the launch needs to know about the login (HMAC-SHA256
-- with this secret, which every instance shares) and the platform hands it back with the id_token. The state stays
-- single use through its nonce: the launch, or a refused launch, records the nonce in lti_nonce_seen, and a state
-- whose nonce is there is refused. A login started before this version ran cannot finish: it is opened again from
-- the course.
CREATE TABLE lti_state_secret (
  id         int         PRIMARY KEY CHECK (id = 1),
  secret     text        NOT NULL CHECK (length(secret) >= 43),
  created_at timestamptz NOT NULL DEFAULT now()
);

DROP TABLE lti_login_state;
