package uk.isafe.practice.testsupport;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the tool's and the platform's HTML as a browser would: hidden form fields, attributes, cookies. */
public final class HtmlForms {
  private static final Pattern INPUT = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");

  private HtmlForms() {
  }

  /** Hidden inputs of an HTML form, decoded. */
  public static Map<String, String> hiddenInputs(String html) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = INPUT.matcher(html);
    while (m.find()) {
      out.put(m.group(1), unescape(m.group(2)));
    }
    return out;
  }

  public static String attr(String html, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(html);
    return m.find() ? unescape(m.group(1)) : null;
  }

  static String unescape(String s) {
    return s.replace("&quot;", "\"").replace("&#34;", "\"").replace("&#39;", "'").replace("&lt;", "<")
        .replace("&gt;", ">").replace("&amp;", "&");
  }

  static String location(HttpResponse<String> r) {
    return r.headers().firstValue("Location").orElse("");
  }

  /** The value of cookie {@code name} set by {@code r}, or null. */
  public static String cookie(HttpResponse<String> r, String name) {
    for (String h : r.headers().allValues("Set-Cookie")) {
      if (h.startsWith(name + "=")) {
        String v = h.substring(name.length() + 1);
        int semi = v.indexOf(';');
        return semi < 0 ? v : v.substring(0, semi);
      }
    }
    return null;
  }

  static String[] headers(String stateCookie) {
    return stateCookie == null ? new String[] {"Accept", "text/html"}
        : new String[] {"Accept", "text/html", "Cookie", "isafe_lti_state=" + stateCookie};
  }

}
