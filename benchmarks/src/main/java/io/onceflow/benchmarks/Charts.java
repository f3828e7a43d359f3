package io.onceflow.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.imageio.ImageIO;

/** The report's PNG charts, drawn with the JDK alone (headless Java2D). */
final class Charts {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 480;
  private static final Color[] SERIES = {
    new Color(0x1f77b4),
    new Color(0xff7f0e),
    new Color(0x2ca02c),
    new Color(0xd62728),
    new Color(0x9467bd)
  };

  private Charts() {}

  /**
   * Events per second per system, one bar each; a wrong or failed answer is drawn grey and marked.
   */
  static void throughput(List<RunResult> results, Path png) throws IOException {
    BufferedImage image = canvas();
    Graphics2D g = graphics(image);
    title(g, "Throughput on one workload (events/s, log scale, higher is better)");
    int left = 80;
    int bottom = HEIGHT - 70;
    int plotHeight = bottom - 60;
    LogScale scale = LogScale.over(results, bottom, plotHeight);
    int slot = (WIDTH - left - 20) / Math.max(1, results.size());
    axis(g, left, scale);
    for (int i = 0; i < results.size(); i++) {
      RunResult r = results.get(i);
      int h = bottom - scale.y(r.eventsPerSecond());
      int x = left + i * slot + slot / 5;
      g.setColor(r.exact() ? SERIES[i % SERIES.length] : Color.LIGHT_GRAY);
      g.fillRect(x, bottom - h, slot * 3 / 5, h);
      g.setColor(Color.BLACK);
      g.drawString(String.format("%,.0f", r.eventsPerSecond()), x, bottom - h - 5);
      g.drawString(r.system(), x, bottom + 18);
      g.drawString(
          r.wrongKeys() < 0 ? "failed" : r.exact() ? "exact" : r.wrongKeys() + " wrong keys",
          x,
          bottom + 34);
    }
    g.dispose();
    ImageIO.write(image, "png", png.toFile());
  }

  /** Events per second against workload size, one line per system, on a log scale of sizes. */
  static void scaling(List<RunResult> results, Path png) throws IOException {
    BufferedImage image = canvas();
    Graphics2D g = graphics(image);
    title(g, "Scaling: events/s (log scale) by workload size (distinct transactions)");
    Map<String, TreeMap<Integer, Double>> lines = new TreeMap<>();
    TreeSet<Integer> sizes = new TreeSet<>();
    for (RunResult r : results) {
      if (r.wrongKeys() >= 0) {
        lines
            .computeIfAbsent(r.system(), k -> new TreeMap<>())
            .put(r.events(), r.eventsPerSecond());
        sizes.add(r.events());
      }
    }
    int left = 80;
    int right = WIDTH - 160;
    int bottom = HEIGHT - 60;
    int plotHeight = bottom - 60;
    LogScale scale = LogScale.over(results, bottom, plotHeight);
    axis(g, left, scale);
    List<Integer> xs = new ArrayList<>(sizes);
    double minLog = Math.log10(xs.isEmpty() ? 1 : xs.get(0));
    double maxLog = Math.log10(xs.isEmpty() ? 10 : xs.get(xs.size() - 1));
    java.util.function.IntUnaryOperator xOf =
        n ->
            left
                + 20
                + (int)
                    ((right - left - 40)
                        * (maxLog == minLog ? 0.5 : (Math.log10(n) - minLog) / (maxLog - minLog)));
    g.setColor(Color.BLACK);
    for (int n : xs) {
      g.drawString(String.format("%,d", n), xOf.applyAsInt(n) - 25, bottom + 18);
    }
    int i = 0;
    for (Map.Entry<String, TreeMap<Integer, Double>> line : lines.entrySet()) {
      Color c = SERIES[i % SERIES.length];
      g.setColor(c);
      g.setStroke(new BasicStroke(2.5f));
      int px = -1;
      int py = -1;
      for (Map.Entry<Integer, Double> point : line.getValue().entrySet()) {
        int x = xOf.applyAsInt(point.getKey());
        int y = scale.y(point.getValue());
        g.fillOval(x - 4, y - 4, 8, 8);
        if (px >= 0) {
          g.drawLine(px, py, x, y);
        }
        px = x;
        py = y;
      }
      g.fillRect(right + 10, 70 + i * 22, 14, 14);
      g.setColor(Color.BLACK);
      g.drawString(line.getKey(), right + 30, 82 + i * 22);
      i++;
    }
    g.dispose();
    ImageIO.write(image, "png", png.toFile());
  }

  private static BufferedImage canvas() {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.dispose();
    return image;
  }

  private static Graphics2D graphics(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    return g;
  }

  private static void title(Graphics2D g, String text) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(text, 20, 30);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
  }

  private static void axis(Graphics2D g, int left, LogScale scale) {
    g.setColor(Color.GRAY);
    g.drawLine(left, scale.bottom, WIDTH - 20, scale.bottom);
    g.drawLine(left, scale.bottom, left, scale.bottom - scale.height);
    for (int decade = scale.lowDecade; decade <= scale.highDecade; decade++) {
      int y = scale.y(Math.pow(10, decade));
      g.setColor(new Color(0xdddddd));
      if (decade > scale.lowDecade) {
        g.drawLine(left + 1, y, WIDTH - 20, y);
      }
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format("%,.0f", Math.pow(10, decade)), 5, y + 4);
    }
  }

  /**
   * Whole decades from below the slowest to above the fastest system: the systems differ by orders
   * of magnitude, and on a linear axis the slow ones would be invisible.
   */
  private static final class LogScale {
    final int bottom;
    final int height;
    final int lowDecade;
    final int highDecade;

    private LogScale(int bottom, int height, int lowDecade, int highDecade) {
      this.bottom = bottom;
      this.height = height;
      this.lowDecade = lowDecade;
      this.highDecade = highDecade;
    }

    static LogScale over(List<RunResult> results, int bottom, int height) {
      double min =
          results.stream()
              .mapToDouble(RunResult::eventsPerSecond)
              .filter(v -> v > 0)
              .min()
              .orElse(1);
      double max = results.stream().mapToDouble(RunResult::eventsPerSecond).max().orElse(10);
      int low = (int) Math.floor(Math.log10(Math.max(1, min)));
      int high = Math.max(low + 1, (int) Math.ceil(Math.log10(Math.max(1, max))));
      return new LogScale(bottom, height, low, high);
    }

    int y(double value) {
      double v = Math.log10(Math.max(value, Math.pow(10, lowDecade)));
      return bottom - (int) (height * (v - lowDecade) / (highDecade - lowDecade));
    }
  }
}
