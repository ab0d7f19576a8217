package uk.isafe.practice.gradebook.charts;

import java.util.ArrayList;
import java.util.List;

/**
 * Geometry of a histogram of scores 0–100 in ten bands, drawn as SVG by a template. Each bar carries its count as
 * text above it, so no reader depends on judging bar heights (or colour).
 */
public record Histogram(int width, int height, double baseline, List<Bar> bars, int total) {
  public static final int WIDTH = 420;
  public static final int HEIGHT = 220;
  private static final double TOP = 20;
  private static final double BASE = HEIGHT - 40;

  public record Bar(String label, int count, double x, double y, double w, double h) {
  }

  public static Histogram of(List<Double> scores) {
    int[] counts = new int[10];
    for (Double s : scores) {
      if (s != null) {
        counts[Math.min(9, Math.max(0, (int) Math.floor(s / 10)))]++;
      }
    }
    int top = 1;
    for (int c : counts) {
      top = Math.max(top, c);
    }
    List<Bar> bars = new ArrayList<>();
    double slot = (WIDTH - 40.0) / 10;
    for (int i = 0; i < 10; i++) {
      double h = Math.round((BASE - TOP) * counts[i] / top * 10) / 10.0;
      String label = (i * 10) + "–" + (i == 9 ? 100 : i * 10 + 9);
      bars.add(new Bar(label, counts[i], 20 + i * slot + 2, BASE - h, slot - 4, h));
    }
    int total = 0;
    for (int c : counts) {
      total += c;
    }
    return new Histogram(WIDTH, HEIGHT, BASE, List.copyOf(bars), total);
  }
}
