package uk.isafe.practice.web;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.extension.writer.PooledSpecializedStringWriter;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Server-side HTML through Pebble templates under {@code src/main/resources/templates}, HTML-escaped by default.
 * Templates get three functions:
 * <ul>
 *   <li>{@code t('key', arg...)}: a message from the bundle of the request's locale;</li>
 *   <li>{@code url('/path?x=1')}: the path with the session token added, so links work where cookies are blocked;</li>
 *   <li>{@code sessionFields()}: hidden inputs with the session token and CSRF token, for every form.</li>
 * </ul>
 * Templates are compiled once and cached; rendering is cheap enough for the event loop.
 */
public final class Templates {
  static final String MESSAGES = "_msg";
  static final String SESSION = "_s";
  static final String CSRF = "_csrf";

  private final PebbleEngine engine;

  public Templates() {
    ClasspathLoader loader = new RootNamesLoader();
    loader.setPrefix("templates");
    loader.setSuffix(".peb");
    this.engine = new PebbleEngine.Builder()
        .loader(loader)
        .autoEscaping(true)
        .defaultEscapingStrategy("html")
        .strictVariables(false)
        .newLineTrimming(true)
        .extension(new IsafeExtension())
        .build();
  }

  /** Renders {@code name} (without {@code .peb}) with {@code model}, using {@code catalog} for {@code t()}. */
  public String render(String name, Map<String, Object> model, Messages.Catalog catalog, String sessionToken,
      String csrf) {
    Map<String, Object> all = new HashMap<>(model);
    all.put(MESSAGES, catalog);
    all.put("lang", catalog.tag());
    if (sessionToken != null) {
      all.put(SESSION, sessionToken);
    }
    if (csrf != null) {
      all.put(CSRF, csrf);
    }
    try {
      PebbleTemplate template = engine.getTemplate(name);
      // Pebble's own unsynchronised writer, one per thread (here the event loops), kept as large as the largest
      // page that thread has rendered: a page is written without locking, growing or re-encoding the buffer.
      // Nothing renders a template while rendering one, so a thread's writer is never in use twice.
      PooledSpecializedStringWriter out = PooledSpecializedStringWriter.pooled();
      template.evaluate(out, all);
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Templates name the templates they extend and include from the root ({@code "scenario/banner"}). Only a name
   * starting {@code ./} or {@code ../} is relative to the including template, so any other skips Pebble's path
   * resolution (two regular-expression replacements for every include, on every render) with the same answer.
   */
  private static final class RootNamesLoader extends ClasspathLoader {
    RootNamesLoader() {
      super(Templates.class.getClassLoader());
    }

    @Override
    public String resolveRelativePath(String relativePath, String anchorPath) {
      return relativePath != null && relativePath.startsWith(".")
          ? super.resolveRelativePath(relativePath, anchorPath) : null;
    }
  }

  private static final class IsafeExtension extends AbstractExtension {
    @Override
    public Map<String, Function> getFunctions() {
      return Map.of("t", new Translate(), "url", new SessionUrl(), "sessionFields", new SessionFields());
    }
  }

  private static final class Translate implements Function {
    private static final String[] POSITIONS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};

    @Override
    public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
      Messages.Catalog catalog = (Messages.Catalog) context.getVariable(MESSAGES);
      String key = String.valueOf(args.get("0"));
      // With no argument names, Pebble passes positional arguments only, under "0", "1", ...
      Object[] rest = new Object[Math.max(0, args.size() - 1)];
      for (int i = 0; i < rest.length; i++) {
        rest[i] = args.get(position(i + 1));
      }
      return catalog.get(key, rest);
    }

    private static String position(int i) {
      return i < POSITIONS.length ? POSITIONS[i] : String.valueOf(i);
    }

    @Override
    public List<String> getArgumentNames() {
      return null;
    }
  }

  private static final class SessionUrl implements Function {
    @Override
    public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
      String path = String.valueOf(args.get("path"));
      Object token = context.getVariable(SESSION);
      return withSession(path, token == null ? null : token.toString());
    }

    @Override
    public List<String> getArgumentNames() {
      return List.of("path");
    }
  }

  /** {@code path} with {@code s=<token>} added before any fragment. */
  public static String withSession(String path, String token) {
    if (token == null) {
      return path;
    }
    String fragment = "";
    int hash = path.indexOf('#');
    if (hash >= 0) {
      fragment = path.substring(hash);
      path = path.substring(0, hash);
    }
    return path + (path.contains("?") ? "&" : "?") + "s=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
        + fragment;
  }

  private static final class SessionFields implements Function {
    @Override
    public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
      Object token = context.getVariable(SESSION);
      Object csrf = context.getVariable(CSRF);
      StringBuilder sb = new StringBuilder();
      if (token != null) {
        sb.append("<input type=\"hidden\" name=\"s\" value=\"").append(attr(token.toString())).append("\">");
      }
      if (csrf != null) {
        sb.append("<input type=\"hidden\" name=\"csrf\" value=\"").append(attr(csrf.toString())).append("\">");
      }
      return new SafeString(sb.toString());
    }

    @Override
    public List<String> getArgumentNames() {
      return List.of();
    }
  }

  private static String attr(String s) {
    return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
