package uk.isafe.practice.grades;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import java.util.Optional;
import java.util.UUID;
import uk.isafe.practice.grades.DeliveryRepository.Due;
import uk.isafe.practice.lti.v1p1.BasicOutcomes;
import uk.isafe.practice.lti.v1p1.OutcomeTargets;

/**
 * Sends a score to an LTI 1.1 consumer with Basic Outcomes {@code replaceResult}: the score as a fraction of its
 * maximum, signed with the consumer's secret. Answers the HTTP status and the consumer's POX answer.
 */
final class OutcomeSender {
  private final WebClient web;
  private final Pool pool;
  private final OutcomeTargets targets = new OutcomeTargets();
  private final long timeoutMillis;

  /** What came back: the HTTP status, the POX answer (read only on 2xx), and a short reason when there is none. */
  record Sent(int status, Optional<BasicOutcomes.Answer> answer, String reason) {
  }

  OutcomeSender(WebClient web, Pool pool, long timeoutMillis) {
    this.web = web;
    this.pool = pool;
    this.timeoutMillis = timeoutMillis;
  }

  Future<Sent> send(Due due) {
    if (due.scoreGiven() == null || due.scoreMaximum() == null || due.scoreMaximum() <= 0) {
      return Future.succeededFuture(new Sent(0, Optional.empty(), "no value to send"));
    }
    double fraction = due.scoreGiven() / due.scoreMaximum();
    return targets.find(pool, due.resourceLinkId(), due.personId()).compose(target -> {
      if (target.isEmpty()) {
        return Future.succeededFuture(new Sent(400, Optional.empty(),
            "the consumer sent no lis_result_sourcedid for this learner on this link"));
      }
      OutcomeTargets.Target t = target.get();
      BasicOutcomes.Request request = BasicOutcomes.replaceResult(t.url(), t.key(), t.secret(), t.sourcedid(),
          fraction, "isafe-" + due.id() + "-" + UUID.randomUUID());
      return web.postAbs(t.url()).timeout(timeoutMillis)
          .putHeader("Content-Type", BasicOutcomes.CONTENT_TYPE)
          .putHeader("Authorization", request.authorization())
          .sendBuffer(Buffer.buffer(request.body()))
          .map(resp -> new Sent(resp.statusCode(), resp.statusCode() / 100 == 2
              ? Optional.of(BasicOutcomes.read(resp.bodyAsString())) : Optional.empty(),
              uk.isafe.practice.lti.token.ServiceTokenClient.trim(resp.bodyAsString())));
    });
  }
}
