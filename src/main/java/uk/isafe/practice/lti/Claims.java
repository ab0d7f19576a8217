package uk.isafe.practice.lti;

/** Claim names of LTI 1.3 messages (LTI Core 1.3 §5, AGS 2.0, NRPS 2.0, Deep Linking 2.0). */
public final class Claims {
  private static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
  public static final String MESSAGE_TYPE = LTI + "message_type";
  public static final String VERSION = LTI + "version";
  public static final String DEPLOYMENT_ID = LTI + "deployment_id";
  public static final String TARGET_LINK_URI = LTI + "target_link_uri";
  public static final String RESOURCE_LINK = LTI + "resource_link";
  public static final String ROLES = LTI + "roles";
  public static final String CONTEXT = LTI + "context";
  public static final String CUSTOM = LTI + "custom";
  public static final String LAUNCH_PRESENTATION = LTI + "launch_presentation";
  public static final String TOOL_PLATFORM = LTI + "tool_platform";
  public static final String AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
  public static final String NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";
  public static final String DL_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";

  public static final String TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";
  public static final String PLATFORM_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-platform-configuration";

  public static final String SCOPE_LINE_ITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
  public static final String SCOPE_SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
  public static final String SCOPE_MEMBERSHIP = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";

  public static final String RESOURCE_LINK_REQUEST = "LtiResourceLinkRequest";
  public static final String DEEP_LINKING_REQUEST = "LtiDeepLinkingRequest";
  public static final String LTI_VERSION = "1.3.0";

  private Claims() {
  }
}
