-- Issue 20, owned by the lti packages (version range V150–V159).

-- A change to a platform's deployments (approved, recorded as pending) bumps the same counter as a change to its
-- registration, so every instance drops the registrations it keeps in memory for logins within seconds.
CREATE TRIGGER platform_deployment_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON platform_deployment
  FOR EACH STATEMENT EXECUTE FUNCTION platform_registration_changed();
