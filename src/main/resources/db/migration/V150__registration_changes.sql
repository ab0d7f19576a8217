-- Issue 15, owned by the lti packages (version range V150–V159).

-- A counter every change to platform registrations bumps (file, command line, Dynamic Registration, any instance),
-- so each running instance notices within seconds, with one tiny read, that its CSP frame-ancestors list is stale.
CREATE TABLE platform_registration_version (
  one     boolean PRIMARY KEY DEFAULT true CHECK (one),
  version bigint  NOT NULL
);
INSERT INTO platform_registration_version (version) VALUES (1);

CREATE FUNCTION platform_registration_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE platform_registration_version SET version = version + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER platform_registration_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON platform_registration
  FOR EACH STATEMENT EXECUTE FUNCTION platform_registration_changed();
