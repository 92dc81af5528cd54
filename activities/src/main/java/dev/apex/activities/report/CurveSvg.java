package dev.apex.activities.report;

import java.util.List;
import java.util.Locale;

/** Draws the success@budget curve as a small, self-contained SVG a browser opens. */
public final class CurveSvg {

  private static final int WIDTH = 640;
  private static final int HEIGHT = 400;
  private static final int LEFT = 60;
  private static final int RIGHT = 20;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;

  private CurveSvg() {}

  public static String render(List<SuccessCurve.Point> points, int budget, String title) {
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"sans-serif\" font-size=\"12\">\n",
            WIDTH,
            HEIGHT,
            WIDTH,
            HEIGHT));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(text(WIDTH / 2.0, 22, escape(title), "middle", 14));
    for (int i = 0; i <= 4; i++) {
      double y = TOP + plotH - plotH * i / 4;
      svg.append(line(LEFT, y, LEFT + plotW, y, "#ddd"));
      svg.append(text(LEFT - 8, y + 4, String.format(Locale.ROOT, "%d%%", i * 25), "end", 12));
      double x = LEFT + plotW * i / 4;
      svg.append(text(x, TOP + plotH + 18, Integer.toString(budget * i / 4), "middle", 12));
    }
    svg.append(line(LEFT, TOP, LEFT, TOP + plotH, "#333"));
    svg.append(line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "#333"));
    svg.append(text(LEFT + plotW / 2, HEIGHT - 10, "token budget b", "middle", 12));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\">"
                + "success@b</text>\n",
            TOP + plotH / 2,
            TOP + plotH / 2));
    StringBuilder path = new StringBuilder();
    double previousY = TOP + plotH;
    for (int i = 0; i < points.size(); i++) {
      SuccessCurve.Point p = points.get(i);
      double x = LEFT + (budget == 0 ? 0 : plotW * p.budget() / budget);
      double y = TOP + plotH - plotH * p.success();
      if (i == 0) {
        path.append(String.format(Locale.ROOT, "M%.1f %.1f", x, y));
      } else {
        path.append(String.format(Locale.ROOT, " L%.1f %.1f L%.1f %.1f", x, previousY, x, y));
      }
      previousY = y;
    }
    svg.append("<path d=\"")
        .append(path)
        .append("\" fill=\"none\" stroke=\"#1f6feb\" stroke-width=\"2\"/>\n");
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String line(double x1, double y1, double x2, double y2, String color) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
        x1,
        y1,
        x2,
        y2,
        color);
  }

  private static String text(double x, double y, String s, String anchor, int size) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>\n",
        x,
        y,
        anchor,
        size,
        s);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
