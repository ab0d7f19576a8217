package uk.isafe.practice.assessment.web;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Geometry for the server-rendered SVG of a learner's before and after scale means: per scale a heading and two
 * horizontal bars, each labelled in words and figures ("Before: 4.1 out of 7"), so nothing depends on colour. The
 * "before" bar is outlined and hatched, the "after" bar solid. Bars are drawn as a share of the scale's maximum, on a
 * pale track showing the whole scale.
 */
final class ChangeChart {
  static final int WIDTH = 520;
  static final int BAR_MAX = 300;
  static final int BAR_HEIGHT = 22;

  private ChangeChart() {
  }

  /** A bar; {@code width} 0 with {@code missing} when the wave has no complete score for the scale. */
  record Bar(String label, int y, int width, int trackWidth, int textX, int textY, boolean after, boolean missing) {
  }

  record Group(String title, int titleY, List<Bar> bars) {
  }

  record Chart(int width, int height, List<Group> groups) {
  }

  /** What to draw for one scale: its title, maximum, and the two means with their wording. */
  record Entry(String title, int max, OptionalDouble before, String beforeLabel, OptionalDouble after,
      String afterLabel) {
  }

  static Chart of(List<Entry> entries) {
    List<Group> groups = new ArrayList<>();
    int y = 10;
    for (Entry e : entries) {
      int titleY = y + 16;
      y = titleY + 10;
      List<Bar> bars = new ArrayList<>();
      bars.add(bar(e.beforeLabel(), e.before(), e.max(), y, false));
      y += BAR_HEIGHT + 8;
      bars.add(bar(e.afterLabel(), e.after(), e.max(), y, true));
      y += BAR_HEIGHT + 18;
      groups.add(new Group(e.title(), titleY, bars));
    }
    return new Chart(WIDTH, y, groups);
  }

  private static Bar bar(String label, OptionalDouble mean, int max, int y, boolean after) {
    int width = mean.isPresent() ? (int) Math.round(BAR_MAX * mean.getAsDouble() / max) : 0;
    return new Bar(label, y, width, BAR_MAX, BAR_MAX + 10, y + BAR_HEIGHT - 6, after, mean.isEmpty());
  }
}
