package uk.isafe.practice.lti.token;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/**
 * Where and as whom the tool asks a platform for service tokens: from {@code platform_registration}.
 *
 * @param audience the {@code aud} of the client assertion: {@code token_audience} when set, else the token URL
 */
public record TokenEndpoint(long registrationId, String clientId, String tokenUrl, String audience) {
  private static final String FIND = """
      SELECT id, client_id, auth_token_url, token_audience FROM platform_registration WHERE id = $1 AND enabled""";

  public static Future<Optional<TokenEndpoint>> find(SqlClient db, long registrationId) {
    return db.preparedQuery(FIND).execute(Tuple.of(registrationId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      var row = rows.iterator().next();
      String tokenUrl = row.getString("auth_token_url");
      String audience = Optional.ofNullable(row.getString("token_audience")).filter(s -> !s.isBlank()).orElse(tokenUrl);
      return Optional.of(new TokenEndpoint(row.getLong("id"), row.getString("client_id"), tokenUrl, audience));
    });
  }
}
