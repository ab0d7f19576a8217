package uk.isafe.practice.audit.report;

import java.util.ArrayList;
import java.util.List;
import uk.isafe.practice.audit.measure.Funnel;
import uk.isafe.practice.audit.measure.Proportion;

/**
 * Geometry of the audit's charts, computed here and drawn as SVG by templates, each beside a table with the same
 * figures. Meaning never rests on colour: intervals are drawn as lines with end caps, the organisation's rate as a
 * dashed line, funnel limits as dashed (95%) and dotted (99.8%) curves, and every point is labelled in the table.
 * Pure Java.
 */
public final class Charts {
  public static final int WIDTH = 560;
  static final double LEFT = 190;
  static final double RIGHT = 530;

  private Charts() {
  }

  /** One row of an interval chart: a rate with its Wilson interval, and where the comparison rate falls. */
  public record IntervalRow(String label, double y, boolean empty, double x, double lowX, double highX,
      String percent, String interval, int n) {
  }

  /** Horizontal rates with 95% intervals on a 0–100% axis, and a comparison line when {@code compare} is set. */
  public record Intervals(int width, int height, List<IntervalRow> rows, double compareX, boolean hasCompare,
      List<double[]> ticks) {
  }

  public static double x(double fraction) {
    return Math.round((LEFT + (RIGHT - LEFT) * fraction) * 10) / 10.0;
  }

  public static Intervals intervals(List<String> labels, List<Proportion> values, double compare) {
    List<IntervalRow> rows = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      Proportion p = values.get(i);
      double y = 30 + i * 34;
      rows.add(p.empty() ? new IntervalRow(labels.get(i), y, true, 0, 0, 0, "", "", 0)
          : new IntervalRow(labels.get(i), y, false, x(p.rate()), x(p.lower()), x(p.upper()),
              Proportion.percent(p.rate()) + "%", Proportion.percent(p.lower()) + "–" + Proportion.percent(p.upper())
                  + "%", p.n()));
    }
    List<double[]> ticks = new ArrayList<>();
    for (int t = 0; t <= 100; t += 25) {
      ticks.add(new double[] {x(t / 100.0), t});
    }
    boolean has = !Double.isNaN(compare);
    return new Intervals(WIDTH, 50 + labels.size() * 34, rows, has ? x(compare) : 0, has, ticks);
  }

  /** A team on the funnel plot. */
  public record FunnelPoint(String label, int k, int n, double cx, double cy, String percent, String position) {
  }

  /** A funnel plot: rate (y) against number of men (x), with 95% and 99.8% limits around the organisation's rate. */
  public record FunnelPlot(int width, int height, String p95Upper, String p95Lower, String p998Upper,
      String p998Lower, double centreY, List<FunnelPoint> points, int maxN, String centre) {
  }

  public static FunnelPlot funnel(double p0, List<String> labels, List<Proportion> teams) {
    int maxN = 10;
    for (Proportion p : teams) {
      maxN = Math.max(maxN, p.n());
    }
    final int top = maxN;
    double w = 480;
    double h = 260;
    java.util.function.DoubleUnaryOperator fx = n -> Math.round((60 + (w - 80) * n / top) * 10) / 10.0;
    java.util.function.DoubleUnaryOperator fy = r -> Math.round((h - 40 - (h - 60) * r) * 10) / 10.0;
    StringBuilder u95 = new StringBuilder();
    StringBuilder l95 = new StringBuilder();
    StringBuilder u998 = new StringBuilder();
    StringBuilder l998 = new StringBuilder();
    for (int n = 2; n <= top; n++) {
      Funnel.Limits a = Funnel.limits(p0, n, Funnel.Z95);
      Funnel.Limits b = Funnel.limits(p0, n, Funnel.Z998);
      String sep = n == 2 ? "M" : " L";
      u95.append(sep).append(fx.applyAsDouble(n)).append(',').append(fy.applyAsDouble(a.upper()));
      l95.append(sep).append(fx.applyAsDouble(n)).append(',').append(fy.applyAsDouble(a.lower()));
      u998.append(sep).append(fx.applyAsDouble(n)).append(',').append(fy.applyAsDouble(b.upper()));
      l998.append(sep).append(fx.applyAsDouble(n)).append(',').append(fy.applyAsDouble(b.lower()));
    }
    List<FunnelPoint> points = new ArrayList<>();
    for (int i = 0; i < teams.size(); i++) {
      Proportion p = teams.get(i);
      if (p.empty()) {
        continue;
      }
      points.add(new FunnelPoint(labels.get(i), p.k(), p.n(), fx.applyAsDouble(p.n()), fy.applyAsDouble(p.rate()),
          Proportion.percent(p.rate()) + "%", Funnel.position(p.k(), p.n(), p0).name().toLowerCase(
              java.util.Locale.ROOT)));
    }
    return new FunnelPlot((int) w, (int) h, u95.toString(), l95.toString(), u998.toString(), l998.toString(),
        fy.applyAsDouble(p0), points, top, Proportion.percent(p0) + "%");
  }

  /** One line of a trend chart: an indicator's rate per round, as an SVG path and its points. */
  public record TrendLine(String label, String path, List<double[]> points, String dash) {
  }

  public record Trend(int width, int height, List<String> rounds, List<Double> roundX, List<TrendLine> lines) {
  }

  private static final String[] DASHES = {"", "6 3", "2 3", "10 3 2 3"};

  public static Trend trend(List<String> rounds, List<String> labels, List<List<Proportion>> series) {
    double w = 520;
    double h = 240;
    List<Double> xs = new ArrayList<>();
    for (int i = 0; i < rounds.size(); i++) {
      xs.add(Math.round((60 + (w - 100) * (rounds.size() == 1 ? 0.5 : (double) i / (rounds.size() - 1))) * 10)
          / 10.0);
    }
    List<TrendLine> lines = new ArrayList<>();
    for (int s = 0; s < series.size(); s++) {
      StringBuilder path = new StringBuilder();
      List<double[]> pts = new ArrayList<>();
      for (int i = 0; i < rounds.size(); i++) {
        Proportion p = series.get(s).get(i);
        if (p.empty()) {
          continue;
        }
        double y = Math.round((h - 40 - (h - 60) * p.rate()) * 10) / 10.0;
        path.append(path.length() == 0 ? "M" : " L").append(xs.get(i)).append(',').append(y);
        pts.add(new double[] {xs.get(i), y});
      }
      lines.add(new TrendLine(labels.get(s), path.toString(), pts, DASHES[s % DASHES.length]));
    }
    return new Trend((int) w, (int) h, rounds, xs, lines);
  }
}
