package uk.isafe.practice.lti.deeplinking;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.core.activity.CatalogueEntry;
import uk.isafe.practice.core.activity.GradeKind;
import uk.isafe.practice.lti.LtiRejection;
import uk.isafe.practice.lti.keys.SigningKeys;
import uk.isafe.practice.web.Messages;
import uk.isafe.practice.web.Pages;

/**
 * {@code GET /lti/deep-linking/:id}: the catalogue a teacher chooses from (scenarios, questionnaire waves, pathways,
 * each with its description, length and competencies; checkboxes when the platform accepts several items, radios
 * otherwise). {@code POST} the same path: the choice (or a cancel) becomes a signed response the browser posts to the
 * platform's return URL. A request is answered once.
 */
final class DeepLinkingRoutes {
  static final String PATH = "/lti/deep-linking/";
  private static final Logger LOG = LoggerFactory.getLogger(DeepLinkingRoutes.class);

  private final Core core;
  private final SigningKeys keys;
  private final DeepLinkRepository repository;

  DeepLinkingRoutes(Core core, SigningKeys keys, DeepLinkRepository repository) {
    this.core = core;
    this.keys = keys;
    this.repository = repository;
  }

  void mount(Router router) {
    router.get(PATH + ":id").handler(this::show);
    router.post(PATH + ":id").handler(this::answer);
  }

  private void show(RoutingContext ctx) {
    open(ctx).onSuccess(request -> render(ctx, 200, request, Set.of(), null)).onFailure(ctx::fail);
  }

  private void answer(RoutingContext ctx) {
    open(ctx).compose(request -> {
      if (!same(request.csrfToken(), ctx.request().getFormAttribute("_csrf"))) {
        return Future.failedFuture(LtiRejection.of("deep-linking-form-expired"));
      }
      boolean cancel = ctx.request().getFormAttribute("cancel") != null;
      Map<String, CatalogueEntry> offered = new LinkedHashMap<>();
      core.activities().catalogue().forEach(e -> offered.put(e.activity(), e));
      Set<String> chosen = new LinkedHashSet<>(ctx.request().formAttributes().getAll("activity"));
      String error = null;
      if (!cancel && chosen.isEmpty()) {
        error = "lti.deepLinking.error.none";
      } else if (!cancel && !offered.keySet().containsAll(chosen)) {
        error = "lti.deepLinking.error.unknown";
      } else if (!cancel && chosen.size() > 1 && !request.acceptMultiple()) {
        error = "lti.deepLinking.error.one";
      }
      if (error != null) {
        return render(ctx, 400, request, chosen, error);
      }
      Messages.Catalog m = core.pages().messages().forLocale(request.locale());
      List<ContentItems.Choice> choices = new ArrayList<>();
      if (!cancel) {
        chosen.forEach(a -> choices.add(choice(offered.get(a), m)));
      }
      Optional<String> msg = cancel ? Optional.of(m.get("lti.deepLinking.cancelled")) : Optional.empty();
      return repository.use(core.pool(), request.id()).compose(first -> first
          ? keys.current().compose(key -> core.vertx().executeBlocking(() -> SignedJwt.sign(key,
              ContentItems.claims(request, choices, core.config().url("/lti/launch"), msg, core.clock().instant()))))
          : Future.failedFuture(LtiRejection.of("deep-linking-answered")))
          .compose(jwt -> {
            LOG.info("deep linking answered registrationId={} items={} cancelled={}", request.registrationId(),
                choices.size(), cancel);
            Pages.bindSession(ctx, null, null, request.locale());
            return core.pages().render(ctx, 200, "lti/deep-linking-return", Map.of(
                "returnUrl", request.returnUrl(), "jwt", jwt, "count", choices.size(), "cancelled", cancel));
          });
    }).onFailure(err -> {
      if (!ctx.response().ended()) {
        ctx.fail(err);
      }
    });
  }

  /** The live, unanswered request named in the path. */
  private Future<DeepLinkRequest> open(RoutingContext ctx) {
    return repository.find(core.pool(), ctx.pathParam("id")).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(new LtiRejection(404, "deep-linking-expired", null));
      }
      if (found.get().used()) {
        return Future.failedFuture(LtiRejection.of("deep-linking-answered"));
      }
      return Future.succeededFuture(found.get());
    });
  }

  private ContentItems.Choice choice(CatalogueEntry entry, Messages.Catalog m) {
    Optional<GradeKind> column = ownColumn(entry);
    String label = column.map(k -> m.get(k.labelKey(), entry.title(), "").strip()).orElse("");
    return new ContentItems.Choice(entry, column, label);
  }

  /** The activity's own gradebook column: the first grade kind of its type that goes to the link's grade item. */
  private Optional<GradeKind> ownColumn(CatalogueEntry entry) {
    return core.activities().gradeKinds(entry.prefix()).stream()
        .filter(k -> k.column() == GradeKind.Column.ACTIVITY && !k.family() && k.requiresCustom().isEmpty())
        .findFirst();
  }

  private Future<Void> render(RoutingContext ctx, int status, DeepLinkRequest request, Set<String> chosen,
      String error) {
    Pages.bindSession(ctx, null, null, request.locale());
    Messages.Catalog m = core.pages().catalog(ctx);
    Map<String, List<Map<String, Object>>> groups = new LinkedHashMap<>();
    for (CatalogueEntry e : core.activities().catalogue()) {
      List<String> competencies = new ArrayList<>();
      e.competencies().forEach(c -> competencies.add(m.has("scenario.competency." + c)
          ? m.get("scenario.competency." + c) : c.replace('_', ' ')));
      Map<String, Object> item = new HashMap<>();
      item.put("activity", e.activity());
      item.put("id", "activity-" + e.activity().replaceAll("[^A-Za-z0-9-]", "-"));
      item.put("title", e.title());
      item.put("description", e.description());
      item.put("minutes", e.minutes());
      item.put("competencies", String.join(", ", competencies));
      item.put("graded", ownColumn(e).isPresent() && request.acceptLineItem());
      item.put("checked", chosen.contains(e.activity()));
      groups.computeIfAbsent(e.prefix(), p -> new ArrayList<>()).add(item);
    }
    List<Map<String, Object>> model = new ArrayList<>();
    groups.forEach((prefix, items) -> model.add(Map.of("legend", m.has("lti.deepLinking.group." + prefix)
        ? m.get("lti.deepLinking.group." + prefix) : prefix, "items", items)));
    Map<String, Object> page = new HashMap<>();
    page.put("groups", model);
    page.put("multiple", request.acceptMultiple());
    page.put("autoCreate", request.autoCreate());
    page.put("action", PATH + request.id());
    page.put("csrf", request.csrfToken());
    page.put("error", error == null ? "" : error);
    page.put("firstId", model.isEmpty() ? "" : ((List<?>) model.get(0).get("items")).isEmpty() ? ""
        : ((Map<?, ?>) ((List<?>) model.get(0).get("items")).get(0)).get("id"));
    return core.pages().render(ctx, status, "lti/deep-linking", page);
  }

  private static boolean same(String expected, String given) {
    return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        given.getBytes(StandardCharsets.UTF_8));
  }
}
