package uk.isafe.practice.testsupport;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What a {@link FakePlatform} launch looks like: the user, roles, context, link, custom parameters, AGS claim,
 * locale; and, for negative tests, any change to the login parameters, the claims, the header or the signature.
 *
 * <pre>
 * LaunchSpec.learner().sub("u-42").custom("activity", "scenario:dad-not-on-file").locale("en-GB")
 * LaunchSpec.trainer().context("course-7", "Spring cohort").ags(lineItemUrl, lineItemsUrl)
 * LaunchSpec.learner().without(Claims.ROLES)                 // negative: a claim removed
 * LaunchSpec.learner().signing(FakePlatform.Signing.HS256)   // negative: algorithm confusion
 * </pre>
 */
public final class LaunchSpec {
  public static final String LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
  public static final String INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
  public static final String ADMINISTRATOR = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator";

  String sub = "user-1";
  List<String> roles = new ArrayList<>(List.of(LEARNER));
  String contextId = "course-1";
  String contextTitle = "Working with fathers";
  boolean noContext;
  String linkId = "link-1";
  String linkTitle = "Practice activity";
  final Map<String, String> custom = new LinkedHashMap<>();
  JsonObject ags;
  String locale = "en-GB";
  String givenName = "Sam";
  String familyName = "Learner";
  String email = "sam@example.org";
  String deploymentId;
  String targetLinkPath = "/lti/launch";
  String messageHint = "{\"cmid\":2,\"launchid\":\"ltilaunch1_12345\"}";
  String storageTarget;
  boolean sendStateCookie = true;
  boolean sendClientIdAtLogin = true;
  long iatOffsetSeconds;
  long lifetimeSeconds = 60;
  FakePlatform.Signing signing = FakePlatform.Signing.RS256;
  final Map<String, Object> claimOverrides = new LinkedHashMap<>();
  final List<String> removedClaims = new ArrayList<>();
  final Map<String, Object> headerOverrides = new LinkedHashMap<>();
  final List<String> removedHeaders = new ArrayList<>();
  final Map<String, String> loginOverrides = new LinkedHashMap<>();
  final List<String> removedLoginParams = new ArrayList<>();
  UnaryOperator<String> tokenTamper = UnaryOperator.identity();

  private LaunchSpec() {
  }

  public static LaunchSpec learner() {
    return new LaunchSpec();
  }

  public static LaunchSpec trainer() {
    return new LaunchSpec().roles(INSTRUCTOR).sub("trainer-1").name("Alex", "Trainer");
  }

  public static LaunchSpec administrator() {
    return new LaunchSpec().roles(ADMINISTRATOR).sub("admin-1").name("Jo", "Admin");
  }

  /** The roles claim exactly as given (may be empty, hold "" or short names). */
  public LaunchSpec roles(String... r) {
    this.roles = new ArrayList<>(List.of(r));
    return this;
  }

  public LaunchSpec sub(String s) {
    this.sub = s;
    return this;
  }

  /** No sub claim: an anonymous launch. */
  public LaunchSpec anonymous() {
    this.sub = null;
    return this;
  }

  public LaunchSpec name(String given, String family) {
    this.givenName = given;
    this.familyName = family;
    return this;
  }

  /** No name, given_name, family_name or email claims (privacy settings). */
  public LaunchSpec noPersonalDetails() {
    this.givenName = null;
    this.familyName = null;
    this.email = null;
    return this;
  }

  public LaunchSpec context(String id, String title) {
    this.contextId = id;
    this.contextTitle = title;
    this.noContext = false;
    return this;
  }

  public LaunchSpec noContext() {
    this.noContext = true;
    return this;
  }

  public LaunchSpec resourceLink(String id, String title) {
    this.linkId = id;
    this.linkTitle = title;
    return this;
  }

  public LaunchSpec custom(String key, String value) {
    custom.put(key, value);
    return this;
  }

  /** The AGS endpoint claim; pass null for an absent lineitem/lineitems. */
  public LaunchSpec ags(String lineItem, String lineItems, String... scopes) {
    JsonObject a = new JsonObject().put("scope", new JsonArray(List.of(scopes.length > 0 ? scopes : new String[] {
        "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
        "https://purl.imsglobal.org/spec/lti-ags/scope/score"})));
    if (lineItem != null) {
      a.put("lineitem", lineItem);
    }
    if (lineItems != null) {
      a.put("lineitems", lineItems);
    }
    this.ags = a;
    return this;
  }

  public LaunchSpec locale(String tag) {
    this.locale = tag;
    return this;
  }

  /** The deployment in the token (and lti_deployment_id at login); default: the platform's first. */
  public LaunchSpec deployment(String id) {
    this.deploymentId = id;
    return this;
  }

  /** target_link_uri path on the tool (login and claim); an absolute URL is used as is. */
  public LaunchSpec targetLink(String pathOrUrl) {
    this.targetLinkPath = pathOrUrl;
    return this;
  }

  public LaunchSpec messageHint(String hint) {
    this.messageHint = hint;
    return this;
  }

  /** Sends lti_storage_target at login: the tool should use platform storage. */
  public LaunchSpec storageTarget(String frameName) {
    this.storageTarget = frameName;
    return this;
  }

  /** The browser drops the tool's state cookie (third-party cookies blocked). */
  public LaunchSpec cookiesBlocked() {
    this.sendStateCookie = false;
    return this;
  }

  public LaunchSpec loginWithoutClientId() {
    this.sendClientIdAtLogin = false;
    return this;
  }

  /** Login parameter override (e.g. a foreign target_link_uri) or removal. */
  public LaunchSpec loginParam(String name, String value) {
    loginOverrides.put(name, value);
    return this;
  }

  public LaunchSpec withoutLoginParam(String name) {
    removedLoginParams.add(name);
    return this;
  }

  /** iat = now + offset (negative: issued in the past); exp = iat + lifetime. */
  public LaunchSpec issuedAt(long offsetSeconds) {
    this.iatOffsetSeconds = offsetSeconds;
    return this;
  }

  public LaunchSpec lifetime(long seconds) {
    this.lifetimeSeconds = seconds;
    return this;
  }

  public LaunchSpec signing(FakePlatform.Signing s) {
    this.signing = s;
    return this;
  }

  /** Sets (or replaces) any claim; a value of null writes JSON null. */
  public LaunchSpec claim(String name, Object value) {
    claimOverrides.put(name, value);
    return this;
  }

  public LaunchSpec without(String claim) {
    removedClaims.add(claim);
    return this;
  }

  public LaunchSpec header(String name, Object value) {
    headerOverrides.put(name, value);
    return this;
  }

  public LaunchSpec withoutHeader(String name) {
    removedHeaders.add(name);
    return this;
  }

  /** Changes the signed token text before it is posted (e.g. to break it). */
  public LaunchSpec tamper(UnaryOperator<String> t) {
    this.tokenTamper = t;
    return this;
  }
}
