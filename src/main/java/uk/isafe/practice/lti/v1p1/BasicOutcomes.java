package uk.isafe.practice.lti.v1p1;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import net.oauth.OAuth;
import net.oauth.OAuthAccessor;
import net.oauth.OAuthConsumer;
import net.oauth.OAuthMessage;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * LTI 1.1 Basic Outcomes: the {@code replaceResult} request (score as 0.0–1.0 for a learner's sourcedid), signed with
 * OAuth 1.0a HMAC-SHA1 over the consumer's outcome URL with an {@code oauth_body_hash} of the XML, and the reading of the consumer's answer ({@code imsx_codeMajor}). No I/O: the grade outbox sends it.
 */
public final class BasicOutcomes {
  public static final String CONTENT_TYPE = "application/xml";

  private BasicOutcomes() {
  }

  /** Whether a link's grade endpoint is Basic Outcomes (as recorded by an LTI 1.1 launch). */
  public static boolean isOutcomes(List<String> scopes) {
    return scopes.contains(LaunchParameters.OUTCOMES_SCOPE);
  }

  /** A signed request: the XML body and the {@code Authorization} header. */
  public record Request(String body, String authorization) {
  }

  /** What the consumer answered: success, or its code and description. */
  public record Answer(boolean success, String codeMajor, String description) {
  }

  public static Request replaceResult(String url, String key, String secret, String sourcedid, double fraction,
      String messageId) {
    double score = Math.max(0, Math.min(1, fraction));
    String body = """
        <?xml version="1.0" encoding="UTF-8"?>
        <imsx_POXEnvelopeRequest xmlns="http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0">
          <imsx_POXHeader><imsx_POXRequestHeaderInfo><imsx_version>V1.0</imsx_version>\
        <imsx_messageIdentifier>%s</imsx_messageIdentifier></imsx_POXRequestHeaderInfo></imsx_POXHeader>
          <imsx_POXBody><replaceResultRequest><resultRecord><sourcedGUID><sourcedId>%s</sourcedId></sourcedGUID>\
        <result><resultScore><language>en</language><textString>%s</textString></resultScore></result>\
        </resultRecord></replaceResultRequest></imsx_POXBody>
        </imsx_POXEnvelopeRequest>
        """.formatted(xml(messageId), xml(sourcedid), String.format(Locale.ROOT, "%.4f", score));
    return new Request(body, authorization(url, key, secret, body));
  }

  /**
   * The OAuth header for a POST of {@code body} to {@code url}: the body hash, then the HMAC-SHA1 signature over it
   * and the other OAuth parameters (net.oauth, the OAuth library basiclti-util is built on).
   */
  static String authorization(String url, String key, String secret, String body) {
    OAuthMessage message = new OAuthMessage("POST", url,
        List.of(new OAuth.Parameter("oauth_body_hash", bodyHash(body))));
    OAuthConsumer consumer = new OAuthConsumer(null, key, secret, null);
    consumer.setProperty(OAuth.OAUTH_SIGNATURE_METHOD, OAuth.HMAC_SHA1);
    try {
      message.addRequiredParameters(new OAuthAccessor(consumer));
      return message.getAuthorizationHeader(null);
    } catch (Exception e) {
      throw new IllegalStateException("cannot sign the outcome request", e);
    }
  }

  static String bodyHash(String body) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
          .digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a consumer's POX answer; an unreadable one is not a success. */
  public static Answer read(String xml) {
    if (xml == null || xml.isBlank()) {
      return new Answer(false, "unreadable", "empty answer");
    }
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setNamespaceAware(true);
      Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      String major = first(d, "imsx_codeMajor").orElse("unreadable");
      String description = first(d, "imsx_description").orElse("");
      return new Answer("success".equals(major), major, description);
    } catch (Exception e) {
      return new Answer(false, "unreadable", "not a POX answer");
    }
  }

  private static Optional<String> first(Document d, String localName) {
    NodeList n = d.getElementsByTagNameNS("*", localName);
    return n.getLength() == 0 ? Optional.empty() : Optional.of(n.item(0).getTextContent().strip());
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&apos;");
  }
}
