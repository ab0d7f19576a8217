package uk.isafe.practice.grades;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import uk.isafe.practice.lti.token.ServiceTokenClient;

/**
 * AGS 2.0 calls with the exact media types platforms insist on: find or create a line item by resource id and tag,
 * and post a score. Responses are returned whatever their status: the worker decides what they mean.
 */
final class AgsClient {
  private final WebClient web;
  private final ServiceTokenClient tokens;
  private final long timeoutMillis;

  AgsClient(WebClient web, ServiceTokenClient tokens, long timeoutMillis) {
    this.web = web;
    this.tokens = tokens;
    this.timeoutMillis = timeoutMillis;
  }

  /** The score body: always userId, timestamp, activityProgress and gradingProgress; a score only when graded. */
  static JsonObject scoreBody(DeliveryRepository.Due due, Instant timestamp) {
    JsonObject body = new JsonObject()
        .put("userId", due.userId())
        .put("timestamp", timestamp.toString())
        .put("activityProgress", due.activityProgress())
        .put("gradingProgress", due.gradingProgress());
    if (due.scoreGiven() != null && due.scoreMaximum() != null) {
      body.put("scoreGiven", due.scoreGiven()).put("scoreMaximum", due.scoreMaximum());
    }
    if (due.comment() != null && !due.comment().isBlank()) {
      body.put("comment", due.comment());
    }
    return body;
  }

  Future<HttpResponse<Buffer>> postScore(long registrationId, List<String> scopes, String lineItemUrl,
      JsonObject score) {
    Buffer body = score.toBuffer();
    return tokens.call(registrationId, scopes, token -> web.postAbs(AgsMedia.scoresUrl(lineItemUrl))
        .timeout(timeoutMillis)
        .putHeader("Authorization", "Bearer " + token)
        .putHeader("Content-Type", AgsMedia.SCORE)
        .sendBuffer(body));
  }

  /** Looks for a line item of {@code resourceId} and {@code tag} in the container; empty when there is none. */
  Future<Optional<String>> findLineItem(long registrationId, List<String> scopes, String lineItemsUrl,
      String resourceId, String tag) {
    String url = withQuery(lineItemsUrl, "resource_id=" + enc(resourceId) + "&tag=" + enc(tag));
    return tokens.call(registrationId, scopes, token -> web.getAbs(url)
            .timeout(timeoutMillis)
            .putHeader("Authorization", "Bearer " + token)
            .putHeader("Accept", AgsMedia.LINE_ITEM_CONTAINER)
            .send())
        .compose(response -> {
          if (response.statusCode() != 200) {
            return Future.failedFuture(new AgsCallException(response.statusCode(), response.bodyAsString()));
          }
          JsonArray items = response.bodyAsJsonArray();
          for (Object o : items) {
            if (o instanceof JsonObject item && resourceId.equals(item.getString("resourceId"))
                && tag.equals(item.getString("tag")) && item.getString("id") != null) {
              return Future.succeededFuture(Optional.of(item.getString("id")));
            }
          }
          return Future.succeededFuture(Optional.<String>empty());
        });
  }

  Future<String> createLineItem(long registrationId, List<String> scopes, String lineItemsUrl, String resourceId,
      String tag, String label, double scoreMaximum, String resourceLinkId) {
    JsonObject item = new JsonObject().put("scoreMaximum", scoreMaximum).put("label", label)
        .put("resourceId", resourceId).put("tag", tag).put("resourceLinkId", resourceLinkId);
    return tokens.call(registrationId, scopes, token -> web.postAbs(lineItemsUrl)
            .timeout(timeoutMillis)
            .putHeader("Authorization", "Bearer " + token)
            .putHeader("Content-Type", AgsMedia.LINE_ITEM)
            .putHeader("Accept", AgsMedia.LINE_ITEM)
            .sendBuffer(item.toBuffer()))
        .compose(response -> {
          if (response.statusCode() != 200 && response.statusCode() != 201) {
            return Future.failedFuture(new AgsCallException(response.statusCode(), response.bodyAsString()));
          }
          String id = response.bodyAsJsonObject().getString("id");
          return id == null ? Future.failedFuture(new AgsCallException(502, "line item created without an id"))
              : Future.succeededFuture(id);
        });
  }

  private static String withQuery(String url, String query) {
    int hash = url.indexOf('#');
    String base = hash < 0 ? url : url.substring(0, hash);
    return base + (base.contains("?") ? "&" : "?") + query;
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A line item call the platform answered with something other than success. */
  static final class AgsCallException extends RuntimeException {
    private final int status;

    AgsCallException(int status, String answer) {
      super("status=" + status + " answer=" + uk.isafe.practice.lti.token.ServiceTokenClient.trim(answer));
      this.status = status;
    }

    int status() {
      return status;
    }
  }
}
