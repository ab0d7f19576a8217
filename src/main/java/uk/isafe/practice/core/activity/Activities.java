package uk.isafe.practice.core.activity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import uk.isafe.practice.lti.LaunchContext;

/**
 * The registry of activity types: features register theirs while the server is wired; the launch dispatcher,
 * chooser, deep-linking picker and grade delivery read it. Thread-safe.
 */
public final class Activities {
  private static final Pattern VALUE = Pattern.compile("([a-z][a-z0-9-]{0,31})(?::(\\S{1,200}))?");
  private final Map<String, ActivityType> byPrefix = new ConcurrentHashMap<>();
  private final List<ActivityType> inOrder = new CopyOnWriteArrayList<>();

  /** Adds a feature's activity type; a prefix can be registered once. */
  public Activities register(ActivityType type) {
    if (byPrefix.putIfAbsent(type.prefix(), type) != null) {
      throw new IllegalStateException("activity prefix registered twice: " + type.prefix());
    }
    inOrder.add(type);
    return this;
  }

  /** Where a link's {@code activity} value starts, or empty when no feature serves it. */
  public Optional<Start> resolve(String value) {
    if (value == null) {
      return Optional.empty();
    }
    var m = VALUE.matcher(value.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    ActivityType type = byPrefix.get(m.group(1));
    String argument = m.group(2) == null ? "" : m.group(2);
    return type == null ? Optional.empty()
        : type.startPath(argument).map(path -> new Start(type.prefix(), path, type.trainersStartHere()));
  }

  /** Every feature's catalogue, in registration order. */
  public List<CatalogueEntry> catalogue() {
    List<CatalogueEntry> all = new ArrayList<>();
    inOrder.forEach(t -> all.addAll(t.catalogue()));
    return all;
  }

  /** One feature's catalogue, or nothing when no feature registered {@code prefix}. */
  public List<CatalogueEntry> catalogue(String prefix) {
    ActivityType type = byPrefix.get(prefix);
    return type == null ? List.of() : type.catalogue();
  }

  /** The grade kinds of the type registered as {@code prefix}, or nothing when no feature registered it. */
  public List<GradeKind> gradeKinds(String prefix) {
    ActivityType type = byPrefix.get(prefix);
    return type == null ? List.of() : type.gradeKinds();
  }

  /** Every kind of result every feature declared. */
  public List<GradeKind> gradeKinds() {
    List<GradeKind> all = new ArrayList<>();
    inOrder.forEach(t -> all.addAll(t.gradeKinds()));
    return all;
  }

  /** The grade kind a result of {@code kind} belongs to, or empty when no feature declared it. */
  public Optional<GradeKind> gradeKind(String kind) {
    for (ActivityType t : inOrder) {
      for (GradeKind k : t.gradeKinds()) {
        if (k.matches(kind)) {
          return Optional.of(k);
        }
      }
    }
    return Optional.empty();
  }

  /** What the launch's link is set up to open (its {@code activity} custom parameter), if a feature serves it. */
  public Optional<Link> link(LaunchContext launch) {
    Optional<String> value = launch.custom("activity");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    var m = VALUE.matcher(value.get().trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    ActivityType type = byPrefix.get(m.group(1));
    String argument = m.group(2) == null ? "" : m.group(2);
    return type == null || type.startPath(argument).isEmpty() ? Optional.empty()
        : Optional.of(new Link(type, m.group(2) == null ? m.group(1) : m.group(1) + ":" + argument, argument));
  }

  /** A link's activity: its type, the whole value ({@code pathway:fathers-core}) and the argument after the prefix. */
  public record Link(ActivityType type, String value, String argument) {
    /** Whether {@code activityKey} is this link's activity itself (a standalone scenario, a single questionnaire). */
    public boolean is(String activityKey) {
      return value.equals(activityKey);
    }

    /** Whether {@code activityKey} is one of the steps this link runs (a pathway's scenario). */
    public boolean includes(String activityKey) {
      return type.includes(argument, activityKey);
    }
  }

  /**
   * A resolved link: the feature's prefix, the path to open, and whether trainers open it too (otherwise they land on
   * the course gradebook).
   */
  public record Start(String prefix, String path, boolean forTrainers) {
  }
}
