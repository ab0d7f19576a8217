package uk.isafe.practice.gradebook.charts;

import java.util.ArrayList;
import java.util.List;

/**
 * Geometry of a pre/post slope chart (one line per learner), computed here and drawn as SVG by a template. Meaning
 * never rests on colour: a fall is drawn dashed with a hollow end marker, a rise solid with a filled marker, and the
 * same figures are given in a table beside the chart.
 */
public record SlopeChart(int width, int height, double left, double right, List<Tick> ticks, List<Line> lines,
    int rises, int falls, int same, Paths paths) {
  public static final int WIDTH = 420;
  public static final int HEIGHT = 300;
  private static final double TOP = 24;
  private static final double BOTTOM = 36;

  public record Tick(double y, String label) {
  }

  public record Line(String name, double pre, double post, double y1, double y2, String direction) {
  }

  public record Point(String name, double pre, double post) {
  }

  /**
   * The whole chart as six SVG path strings, so 300 learners cost a few kilobytes rather than 300 groups of
   * elements: lines that rise, fall (drawn dashed) or stay level, and dots drawn as round-capped zero-length
   * segments (filled before-dots, filled after-dots for rises and level, hollow after-dots for falls).
   */
  public record Paths(String rise, String fall, String same, String preDots, String postDots, String hollowDots) {
    static Paths of(List<Line> lines, double left, double right) {
      StringBuilder rise = new StringBuilder();
      StringBuilder fall = new StringBuilder();
      StringBuilder same = new StringBuilder();
      StringBuilder pre = new StringBuilder();
      StringBuilder post = new StringBuilder();
      StringBuilder hollow = new StringBuilder();
      for (Line l : lines) {
        StringBuilder target = switch (l.direction()) {
          case "rise" -> rise;
          case "fall" -> fall;
          default -> same;
        };
        target.append('M').append(n(left)).append(' ').append(n(l.y1())).append('L').append(n(right)).append(' ')
            .append(n(l.y2()));
        pre.append('M').append(n(left)).append(' ').append(n(l.y1())).append("h0");
        (l.direction().equals("fall") ? hollow : post).append('M').append(n(right)).append(' ').append(n(l.y2()))
            .append("h0");
      }
      return new Paths(rise.toString(), fall.toString(), same.toString(), pre.toString(), post.toString(),
          hollow.toString());
    }

    private static String n(double v) {
      return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
  }

  /** The chart for {@code points} on the scale {@code min}..{@code max} (e.g. 1..7). */
  public static SlopeChart of(List<Point> points, int min, int max) {
    if (max <= min) {
      throw new IllegalArgumentException("empty scale " + min + ".." + max);
    }
    double left = 110;
    double right = WIDTH - 110;
    List<Tick> ticks = new ArrayList<>();
    for (int v = min; v <= max; v++) {
      ticks.add(new Tick(y(v, min, max), String.valueOf(v)));
    }
    List<Line> lines = new ArrayList<>();
    int rises = 0;
    int falls = 0;
    int same = 0;
    for (Point p : points) {
      double diff = p.post() - p.pre();
      String dir = Math.abs(diff) < 1e-9 ? "same" : diff > 0 ? "rise" : "fall";
      rises += dir.equals("rise") ? 1 : 0;
      falls += dir.equals("fall") ? 1 : 0;
      same += dir.equals("same") ? 1 : 0;
      lines.add(new Line(p.name(), p.pre(), p.post(), y(p.pre(), min, max), y(p.post(), min, max), dir));
    }
    return new SlopeChart(WIDTH, HEIGHT, left, right, ticks, lines, rises, falls, same,
        Paths.of(lines, left, right));
  }

  /** The smallest whole-number range holding every value, widened to at least two points. */
  public static int[] range(List<Point> points) {
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (Point p : points) {
      lo = Math.min(lo, Math.min(p.pre(), p.post()));
      hi = Math.max(hi, Math.max(p.pre(), p.post()));
    }
    int min = points.isEmpty() ? 1 : (int) Math.floor(Math.min(lo, 1));
    int max = points.isEmpty() ? 5 : (int) Math.ceil(Math.max(hi, 5));
    return new int[] {min, max <= min ? min + 1 : max};
  }

  static double y(double v, int min, int max) {
    double span = HEIGHT - TOP - BOTTOM;
    return Math.round((TOP + (max - v) / (max - min) * span) * 10) / 10.0;
  }
}
