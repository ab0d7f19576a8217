package uk.isafe.practice.audit.web;

import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** Reading form fields: trimmed text, whole numbers in a range, ids. Absent or malformed values are empty. */
final class Forms {
  private Forms() {
  }

  static Optional<String> text(RoutingContext ctx, String name) {
    String v = ctx.request().getFormAttribute(name);
    if (v == null) {
      v = ctx.request().getParam(name);
    }
    return Optional.ofNullable(v).map(String::strip).filter(s -> !s.isEmpty());
  }

  static Optional<Integer> intIn(RoutingContext ctx, String name, int min, int max) {
    return text(ctx, name).flatMap(s -> {
      try {
        int i = Integer.parseInt(s);
        return i >= min && i <= max ? Optional.of(i) : Optional.empty();
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }

  static Optional<Long> id(RoutingContext ctx, String name) {
    return text(ctx, name).flatMap(Forms::parseId);
  }

  static Optional<Long> parseId(String s) {
    try {
      long v = Long.parseLong(s);
      return v > 0 ? Optional.of(v) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** A path parameter that must be an id; a malformed one is a 404 (there is no such page). */
  static long pathId(RoutingContext ctx, String name) {
    return parseId(ctx.pathParam(name)).orElseThrow(uk.isafe.practice.web.HttpProblem::notFound);
  }
}
