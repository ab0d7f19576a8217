package uk.isafe.practice.lti.v1p1;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/** Where a learner's result on a link goes under Basic Outcomes, and the consumer's key and secret to sign it. */
public final class OutcomeTargets {
  private static final String FIND = """
      SELECT o.outcome_url, o.sourcedid, r.client_id, s.shared_secret
        FROM lti1_result_sourcedid o
        JOIN resource_link l ON l.id = o.resource_link_id
        JOIN course c ON c.id = l.course_id
        JOIN platform_registration r ON r.id = c.registration_id
        JOIN lti1_consumer_secret s ON s.registration_id = r.id
       WHERE o.resource_link_id = $1 AND o.person_id = $2""";

  /** A learner's outcome target. {@link #toString()} leaves the secret out. */
  public record Target(String url, String sourcedid, String key, String secret) {
    @Override
    public String toString() {
      return "Target[" + url + "]";
    }
  }

  public Future<Optional<Target>> find(SqlClient db, long resourceLinkId, long personId) {
    return db.preparedQuery(FIND).execute(Tuple.of(resourceLinkId, personId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      var r = rows.iterator().next();
      return Optional.of(new Target(r.getString("outcome_url"), r.getString("sourcedid"), r.getString("client_id"),
          r.getString("shared_secret")));
    });
  }
}
