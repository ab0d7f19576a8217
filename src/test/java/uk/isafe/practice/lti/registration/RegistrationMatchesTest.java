package uk.isafe.practice.lti.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.registration.PlatformRegistration.DeploymentStatus;
import uk.isafe.practice.store.Database;
import uk.isafe.practice.store.DbSettings;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.web.PlatformOrigins;

/**
 * Logins find their registration in memory until anything about registrations or deployments changes: what is kept
 * is dropped when the change counter moves (registration or deployment, any instance), and only settled answers are
 * kept (one registration, its deployment active or none named).
 */
class RegistrationMatchesTest {
  private static final String ISS = "https://moodle.example.org";
  private Vertx vertx;
  private Pool pool;
  private DbSettings db;
  private Registrations registrations;

  @BeforeEach
  void start() throws Exception {
    db = TestDatabase.fresh();
    TestDatabase.execute(db, "INSERT INTO platform_registration (name, issuer, client_id, auth_login_url,"
        + " auth_token_url, key_set_url, unknown_deployment_policy) VALUES ('moodle', '" + ISS + "', 'c1',"
        + " '" + ISS + "/auth', '" + ISS + "/token', '" + ISS + "/certs', 'pending');"
        + "INSERT INTO platform_deployment (registration_id, deployment_id, status)"
        + " SELECT id, '1', 'active' FROM platform_registration WHERE name = 'moodle'");
    vertx = Vertx.vertx();
    pool = Database.pool(vertx, db, 2);
    registrations = new Registrations(vertx, pool, new PlatformOrigins());
    registrations.refreshOrigins().await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    pool.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private List<RegistrationRepository.Match> match(String deployment) throws Exception {
    return registrations.match(ISS, "c1", deployment).await(10, TimeUnit.SECONDS);
  }

  private void changedElsewhere() throws Exception {
    assertTrue(registrations.checkForChanges().await(10, TimeUnit.SECONDS), "the change counter moved");
  }

  @Test
  void a_registration_disabled_anywhere_stops_logins_once_the_counter_is_read() throws Exception {
    assertEquals(DeploymentStatus.ACTIVE, match("1").get(0).deployment());
    TestDatabase.execute(db, "UPDATE platform_registration SET enabled = false WHERE name = 'moodle'");
    assertEquals(1, match("1").size(), "kept in memory until the counter is read (every 2 s)");
    changedElsewhere();
    assertEquals(List.of(), match("1"));
  }

  @Test
  void a_deployment_approved_or_disabled_is_seen_once_the_counter_is_read_and_pending_is_never_kept() throws Exception {
    assertEquals(DeploymentStatus.UNKNOWN, match("2").get(0).deployment());
    TestDatabase.execute(db, "INSERT INTO platform_deployment (registration_id, deployment_id, status)"
        + " SELECT id, '2', 'pending' FROM platform_registration WHERE name = 'moodle'");
    assertEquals(DeploymentStatus.PENDING, match("2").get(0).deployment(), "an unsettled answer is read again");
    TestDatabase.execute(db, "UPDATE platform_deployment SET status = 'active' WHERE deployment_id = '2'");
    assertEquals(DeploymentStatus.ACTIVE, match("2").get(0).deployment());
    changedElsewhere();
    assertEquals(DeploymentStatus.ACTIVE, match("2").get(0).deployment());
    TestDatabase.execute(db, "UPDATE platform_deployment SET status = 'disabled' WHERE deployment_id = '2'");
    assertEquals(DeploymentStatus.ACTIVE, match("2").get(0).deployment(), "kept until the counter is read");
    changedElsewhere();
    assertEquals(DeploymentStatus.DISABLED, match("2").get(0).deployment());
  }
}
