package uk.isafe.practice.lti.nrps;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.isafe.practice.lti.Claims;
import uk.isafe.practice.lti.token.ServiceTokenClient;
import uk.isafe.practice.lti.token.TokenException;

/**
 * Reads a course's membership (Names and Role Provisioning Services 2.0): every page, following
 * {@code Link: <…>; rel="next"} exactly as given, with a bearer token for the membership scope (refreshed once on a
 * 401). Only active members are kept; email is never read.
 */
final class MembershipClient {
  static final String MEDIA = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
  static final int MAX_PAGES = 200;
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;[^,]*?rel\\s*=\\s*\"?next\"?",
      Pattern.CASE_INSENSITIVE);
  private static final List<String> SCOPES = List.of(Claims.SCOPE_MEMBERSHIP);

  private final WebClient web;
  private final ServiceTokenClient tokens;
  private final long timeoutMillis;

  MembershipClient(WebClient web, ServiceTokenClient tokens, long timeoutMillis) {
    this.web = web;
    this.tokens = tokens;
    this.timeoutMillis = timeoutMillis;
  }

  /** All active members, or a {@link RosterException} with a reason code. */
  Future<List<Member>> members(long registrationId, String url) {
    return page(registrationId, url, new ArrayList<>(), 1);
  }

  private Future<List<Member>> page(long registrationId, String url, List<Member> sofar, int n) {
    if (n > MAX_PAGES) {
      return Future.failedFuture(new RosterException("roster-too-many-pages"));
    }
    return tokens.call(registrationId, SCOPES, token -> web.getAbs(url).timeout(timeoutMillis)
            .putHeader("Accept", MEDIA).putHeader("Authorization", "Bearer " + token).send())
        .recover(err -> Future.failedFuture(err instanceof RosterException ? err
            : new RosterException(err instanceof TokenException ? "roster-token-refused" : "roster-unreachable")))
        .compose(r -> {
          if (r.statusCode() != 200) {
            return Future.failedFuture(new RosterException("roster-refused-" + r.statusCode()));
          }
          try {
            parse(r, sofar);
          } catch (DecodeException | ClassCastException e) {
            return Future.failedFuture(new RosterException("roster-answer-invalid"));
          }
          Optional<String> next = next(r.headers().getAll("Link"));
          return next.isPresent() ? page(registrationId, next.get(), sofar, n + 1) : Future.succeededFuture(sofar);
        });
  }

  private static void parse(HttpResponse<Buffer> r, List<Member> out) {
    JsonObject body = new JsonObject(r.body());
    JsonArray members = body.getJsonArray("members", new JsonArray());
    for (Object o : members) {
      if (!(o instanceof JsonObject m) || !(m.getValue("user_id") instanceof String id) || id.isBlank()) {
        continue;
      }
      String status = m.getString("status", "Active");
      if (!"Active".equalsIgnoreCase(status)) {
        continue;
      }
      List<String> roles = new ArrayList<>();
      if (m.getValue("roles") instanceof JsonArray arr) {
        arr.forEach(x -> {
          if (x instanceof String s) {
            roles.add(s);
          }
        });
      }
      out.add(new Member(id, text(m, "name"), text(m, "given_name"), text(m, "family_name"), roles));
    }
  }

  /** The {@code rel="next"} target of the Link headers, verbatim. */
  static Optional<String> next(List<String> linkHeaders) {
    for (String h : linkHeaders) {
      for (String part : h.split(",(?=\\s*<)")) {
        Matcher m = NEXT.matcher(part);
        if (m.find()) {
          return Optional.of(m.group(1).trim());
        }
      }
    }
    return Optional.empty();
  }

  private static String text(JsonObject o, String key) {
    return o.getValue(key) instanceof String s && !s.isBlank() ? s : null;
  }
}
