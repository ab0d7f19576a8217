-- LTI 1.3 launch support, owned by the lti package.

-- The tool's own RSA signing keys. Exactly one 'current' and one 'next' (published ahead of use); 'retired' keys
-- stay in the key set for an overlap so tokens signed just before a rotation still verify. Keys are DER bytes:
-- PKCS#8 for the private key, X.509 SubjectPublicKeyInfo for the public one. kid = RFC 7638 thumbprint.
CREATE TABLE tool_key (
  kid         text        PRIMARY KEY,
  status      text        NOT NULL CHECK (status IN ('current', 'next', 'retired')),
  private_key bytea       NOT NULL,
  public_key  bytea       NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  retired_at  timestamptz
);
CREATE UNIQUE INDEX tool_key_one_current ON tool_key (status) WHERE status IN ('current', 'next');

-- An OIDC login in flight: the state (random, single use), the nonce issued with it, and how the state is bound to
-- the browser ('cookie', or 'storage' for platform storage through postMessage).
CREATE TABLE lti_login_state (
  state            text        PRIMARY KEY,
  nonce            text        NOT NULL,
  registration_id  bigint      NOT NULL REFERENCES platform_registration (id) ON DELETE CASCADE,
  deployment_id    text,
  binding          text        NOT NULL CHECK (binding IN ('cookie', 'storage')),
  storage_secret   text,
  auth_redirect    text        NOT NULL,
  login_params     jsonb       NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  expires_at       timestamptz NOT NULL,
  used_at          timestamptz
);
CREATE INDEX lti_login_state_expires ON lti_login_state (expires_at);

-- Nonces of accepted id_tokens, kept at least as long as a token can live, to refuse replays.
CREATE TABLE lti_nonce_seen (
  registration_id bigint      NOT NULL REFERENCES platform_registration (id) ON DELETE CASCADE,
  nonce           text        NOT NULL,
  expires_at      timestamptz NOT NULL,
  PRIMARY KEY (registration_id, nonce)
);
CREATE INDEX lti_nonce_seen_expires ON lti_nonce_seen (expires_at);
