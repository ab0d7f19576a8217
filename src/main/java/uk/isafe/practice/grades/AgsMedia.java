package uk.isafe.practice.grades;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** AGS 2.0 media types, scopes and the URL and timestamp rules every score follows. No Vert.x here. */
public final class AgsMedia {
  public static final String SCORE = "application/vnd.ims.lis.v1.score+json";
  public static final String LINE_ITEM = "application/vnd.ims.lis.v2.lineitem+json";
  public static final String LINE_ITEM_CONTAINER = "application/vnd.ims.lis.v2.lineitemcontainer+json";
  public static final String SCOPE_LINE_ITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
  public static final String SCOPE_LINE_ITEM_READ = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly";
  public static final String SCOPE_RESULT_READ = "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly";
  public static final String SCOPE_SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";

  private AgsMedia() {
  }

  /**
   * The score endpoint of a line item: {@code /scores} inserted before any query string (AGS 2.0 §3.4), so Moodle's
   * {@code .../lineitem?type_id=2} becomes {@code .../lineitem/scores?type_id=2}.
   */
  public static String scoresUrl(String lineItemUrl) {
    int q = lineItemUrl.indexOf('?');
    String path = q < 0 ? lineItemUrl : lineItemUrl.substring(0, q);
    String query = q < 0 ? "" : lineItemUrl.substring(q);
    int hash = query.indexOf('#');
    if (hash >= 0) {
      query = query.substring(0, hash);
    }
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path + "/scores" + query;
  }

  /**
   * The timestamp of the next score of a stream: now, but always later than the last one sent, and in a later second
   * (Moodle keeps whole seconds and answers 409 to a timestamp that is not later).
   */
  public static Instant nextTimestamp(Instant now, Optional<Instant> lastSent) {
    Instant t = now.truncatedTo(ChronoUnit.MILLIS);
    if (lastSent.isEmpty()) {
      return t;
    }
    Instant last = lastSent.get();
    long lastSecond = last.getEpochSecond();
    if (t.getEpochSecond() > lastSecond) {
      return t;
    }
    return last.plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
  }
}
