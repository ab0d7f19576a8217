package uk.isafe.practice.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the tool's pages as a browser would, without knowing the product's field names: each {@code <form>} with its
 * action, hidden inputs, radio groups (values in page order) and named submit buttons; and the links of a page.
 */
public final class PageForms {
  private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL);
  private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>");
  private static final Pattern BUTTON = Pattern.compile("<button\\b([^>]*)>");
  private static final Pattern ATTR = Pattern.compile("([a-zA-Z-]+)=\"([^\"]*)\"");
  private static final Pattern HREF = Pattern.compile("<a\\b[^>]*href=\"([^\"]*)\"");

  private PageForms() {
  }

  /** One form of a page: where it posts, its hidden fields, its radio groups and its named submit buttons. */
  public record Form(String method, String action, Map<String, String> hidden, Map<String, List<String>> radios,
      Map<String, List<String>> buttons) {
    /** The fields a browser would send: the hidden ones plus {@code chosen} (radio answers, the button pressed). */
    public Map<String, String> fill(Map<String, String> chosen) {
      Map<String, String> out = new LinkedHashMap<>(hidden);
      out.putAll(chosen);
      return out;
    }
  }

  public static List<Form> forms(String html) {
    List<Form> out = new ArrayList<>();
    Matcher f = FORM.matcher(html);
    while (f.find()) {
      Map<String, String> formAttrs = attrs(f.group(1));
      Map<String, String> hidden = new LinkedHashMap<>();
      Map<String, List<String>> radios = new LinkedHashMap<>();
      Matcher i = INPUT.matcher(f.group(2));
      while (i.find()) {
        Map<String, String> a = attrs(i.group(1));
        String name = a.get("name");
        if (name == null) {
          continue;
        }
        if ("hidden".equals(a.get("type"))) {
          hidden.put(name, a.getOrDefault("value", ""));
        } else if ("radio".equals(a.get("type"))) {
          radios.computeIfAbsent(name, k -> new ArrayList<>()).add(a.getOrDefault("value", ""));
        }
      }
      Map<String, List<String>> buttons = new LinkedHashMap<>();
      Matcher b = BUTTON.matcher(f.group(2));
      while (b.find()) {
        Map<String, String> a = attrs(b.group(1));
        if (a.get("name") != null) {
          buttons.computeIfAbsent(a.get("name"), k -> new ArrayList<>()).add(a.getOrDefault("value", ""));
        }
      }
      out.add(new Form(formAttrs.getOrDefault("method", "get"), formAttrs.getOrDefault("action", ""), hidden, radios,
          buttons));
    }
    return out;
  }

  /** The POST form whose action's path ends with {@code pathSuffix}, if the page has one. */
  public static Optional<Form> postingTo(String html, String pathSuffix) {
    return forms(html).stream().filter(f -> "post".equalsIgnoreCase(f.method()))
        .filter(f -> path(f.action()).endsWith(pathSuffix)).findFirst();
  }

  /** Every link target on the page whose path starts with {@code pathPrefix}, decoded, in page order. */
  public static List<String> links(String html, String pathPrefix) {
    List<String> out = new ArrayList<>();
    Matcher m = HREF.matcher(html);
    while (m.find()) {
      String href = HtmlForms.unescape(m.group(1));
      if (path(href).startsWith(pathPrefix)) {
        out.add(href);
      }
    }
    return out;
  }

  /** The path of a URL or path, without query or fragment. */
  public static String path(String url) {
    String p = url.replaceFirst("^https?://[^/]+", "");
    int cut = p.indexOf('?');
    if (cut < 0) {
      cut = p.indexOf('#');
    }
    return cut < 0 ? p : p.substring(0, cut);
  }

  private static Map<String, String> attrs(String tagBody) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher a = ATTR.matcher(tagBody);
    while (a.find()) {
      out.put(a.group(1).toLowerCase(java.util.Locale.ROOT), HtmlForms.unescape(a.group(2)));
    }
    return out;
  }
}
