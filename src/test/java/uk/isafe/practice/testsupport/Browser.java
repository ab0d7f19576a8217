package uk.isafe.practice.testsupport;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Real headless Chromium (Debian's {@code chromium} package, installed by {@code .ci/run}) driven by Playwright,
 * with an axe-core scan. Playwright never downloads a browser of its own.
 */
public final class Browser implements AutoCloseable {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private final Playwright playwright;
  private final com.microsoft.playwright.Browser browser;

  private Browser(Playwright playwright, com.microsoft.playwright.Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  public static Browser launch() {
    if (!Files.isExecutable(CHROMIUM)) {
      throw new IllegalStateException("browser tests need Debian's chromium at " + CHROMIUM
          + ": run .ci/run, or apt-get install chromium");
    }
    Playwright pw = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    com.microsoft.playwright.Browser b = pw.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM)
        .setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage")));
    return new Browser(pw, b);
  }

  /** A new page in a fresh context (no shared cookies), 1024×768 unless you resize it. */
  public Page newPage() {
    return browser.newContext().newPage();
  }

  /** A new page in a fresh context with a viewport of the given size (CSS pixels). */
  public Page pageOfSize(int width, int height) {
    return browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(width, height))
        .newPage();
  }

  /** A page sized like a phone-width LMS iframe. */
  public Page narrowPage() {
    return browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(360, 640))
        .newPage();
  }

  /** axe-core violations of impact serious or critical against WCAG 2.x A/AA rules on the current page. */
  public static List<Rule> seriousViolations(Page page) {
    AxeResults results = new AxeBuilder(page)
        .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"))
        .analyze();
    return results.getViolations().stream()
        .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
        .toList();
  }

  /** A readable summary of violations for assertion messages. */
  public static String describe(List<Rule> violations) {
    return violations.stream()
        .map(r -> r.getId() + " (" + r.getImpact() + "): " + r.getHelp() + " at "
            + r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
        .collect(Collectors.joining("\n"));
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
