package eu.sectoralerts.replay;

import eu.sectoralerts.common.TaxonomyIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A replay report as one self-contained HTML page: inline CSS, inline SVG charts (alerts per week
 * by sector, added and removed alerts per subscriber), tables; no script, no external resource, so
 * it opens from disk anywhere and can be mailed as it is. Every value from the data is escaped.
 */
public final class HtmlReport {

  /** Rows of the added and removed tables shown in the page (report.json has them all). */
  static final int MAX_ROWS = 1000;

  private static final String[] PALETTE = {
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#2ca02c", "#1f77b4", "#aec7e8", "#8c564b", "#c49c94", "#17becf", "#7f7f7f"
  };

  private static final String CSS =
      """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1d2330;background:#fff}
      h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #dde;padding-bottom:4px}
      .sub{color:#556;margin-bottom:16px}.warn{background:#fff3cd;border:1px solid #e0c060;padding:8px 12px;border-radius:4px}
      .cards{display:flex;flex-wrap:wrap;gap:12px}.card{border:1px solid #dde;border-radius:6px;padding:10px 14px;min-width:130px}
      .card b{display:block;font-size:20px}.card span{color:#556;font-size:12px}
      table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border-bottom:1px solid #e6e8ef;padding:4px 8px;text-align:left;vertical-align:top}
      th{background:#f4f6fa;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
      .add{color:#1a7f37}.rem{color:#c62828}.muted{color:#778}code{font-size:12px;background:#f4f6fa;padding:0 3px;border-radius:3px}
      svg{max-width:100%;height:auto;display:block;margin:8px 0}.legend span{display:inline-block;margin:0 12px 4px 0;font-size:12px}
      .legend i{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:middle}
      """;

  private HtmlReport() {}

  /** The page of {@code report}. */
  public static String render(ReplayReport report) {
    StringBuilder h = new StringBuilder(64 * 1024);
    ReplayReport.Inputs in = report.inputs();
    ReplayReport.Results r = report.results();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
        .append("<title>Replay ")
        .append(esc(report.runId()))
        .append("</title><style>")
        .append(CSS)
        .append("</style></head><body>\n");
    h.append("<h1>Replay ").append(esc(report.runId())).append("</h1>\n");
    h.append("<div class=\"sub\">Items of <code>")
        .append(esc(in.itemsTopic()))
        .append("</code> from ")
        .append(esc(in.from()))
        .append(" to ")
        .append(esc(in.to()))
        .append(" &middot; live taxonomy <b>")
        .append(esc(in.liveTaxonomy().version()))
        .append("</b> vs candidate <b>")
        .append(esc(in.candidateTaxonomy().version()))
        .append("</b> &middot; watchlists ")
        .append(esc(in.watchlists().source()))
        .append("</div>\n");
    if (!report.complete()) {
      h.append(
          "<p class=\"warn\"><b>Incomplete:</b> the replay was stopped before the end of the"
              + " range; the figures cover only the items read.</p>\n");
    }

    h.append("<div class=\"cards\">");
    card(h, r.items().replayed(), "items replayed");
    card(h, r.alerts().live(), "alerts (live)");
    card(h, r.alerts().candidate(), "alerts (candidate)");
    card(h, "+" + r.alerts().added(), "alerts added", "add");
    card(h, "\u2212" + r.alerts().removed(), "alerts removed", "rem");
    card(h, r.tagChanges().itemsChanged(), "items with changed tags");
    card(h, r.items().failed(), "records failed");
    h.append("</div>\n");

    h.append("<h2>Alerts per week by sector</h2>\n");
    weeksChart(h, r.weeks());
    h.append("<h2>Added and removed alerts per subscriber</h2>\n");
    subscribersChart(h, r.subscribers());

    h.append("<h2>Alerts per subscriber and watchlist</h2>\n<table><tr><th>subscriber</th>")
        .append("<th>watchlist</th><th class=\"n\">live</th><th class=\"n\">candidate</th>")
        .append("<th class=\"n\">added</th><th class=\"n\">removed</th></tr>\n");
    for (ReplayReport.SubscriberAlerts s : r.subscribers()) {
      for (ReplayReport.WatchlistAlerts w : s.watchlists()) {
        h.append("<tr><td>")
            .append(esc(s.subscriberId()))
            .append("</td><td>")
            .append(esc(w.name()))
            .append(" <span class=\"muted\">")
            .append(esc(w.watchlistId()))
            .append("</span></td>");
        num(h, w.live(), null);
        num(h, w.candidate(), null);
        num(h, w.added(), "add");
        num(h, w.removed(), "rem");
        h.append("</tr>\n");
      }
    }
    h.append("</table>\n");

    changes(h, "Alerts added", r.added(), "add");
    changes(h, "Alerts removed", r.removed(), "rem");

    h.append("<h2>Tag changes</h2>\n<p>")
        .append(r.tagChanges().itemsChanged())
        .append(" items get other tags, ")
        .append(r.tagChanges().levelChanged())
        .append(" another level.</p>\n");
    tagTable(h, "sector", r.tagChanges().sectors());
    tagTable(h, "risk kind", r.tagChanges().risks());

    h.append("<h2>Per week</h2>\n<table><tr><th>ISO week</th><th class=\"n\">items</th>")
        .append("<th class=\"n\">live alerts</th><th class=\"n\">candidate alerts</th>")
        .append("<th class=\"n\">added</th><th class=\"n\">removed</th></tr>\n");
    for (ReplayReport.Week w : r.weeks()) {
      h.append("<tr><td>").append(esc(w.week())).append("</td>");
      num(h, w.items(), null);
      num(h, w.liveAlerts(), null);
      num(h, w.candidateAlerts(), null);
      num(h, w.added(), "add");
      num(h, w.removed(), "rem");
      h.append("</tr>\n");
    }
    h.append("</table>\n");

    h.append("<h2>Records</h2>\n<table>");
    row(h, "records read", r.items().records());
    row(h, "items replayed", r.items().replayed());
    row(h, "outside the time range (skipped)", r.items().outsideRange());
    row(h, "without value (skipped)", r.items().tombstones());
    row(h, "duplicate item ids (counted once)", r.items().duplicates());
    row(h, "failed", r.items().failed());
    h.append("</table>\n");
    if (!r.failures().isEmpty()) {
      h.append("<table><tr><th>partition</th><th>offset</th><th>item</th><th>why</th></tr>");
      for (ReplayReport.ItemFailure f : r.failures()) {
        h.append("<tr><td>")
            .append(f.partition())
            .append("</td><td>")
            .append(f.offset())
            .append("</td><td>")
            .append(esc(f.itemId()))
            .append("</td><td>")
            .append(esc(f.reason()))
            .append("</td></tr>");
      }
      h.append("</table>\n");
    }
    if (!r.matchFailures().isEmpty()) {
      h.append("<p>Watchlists that failed on an item:</p><ul>");
      r.matchFailures().forEach(f -> h.append("<li>").append(esc(f)).append("</li>"));
      h.append("</ul>\n");
    }

    h.append("<h2>Inputs</h2>\n<table>");
    row(h, "items topic", in.itemsTopic());
    row(h, "range", in.from() + " \u2013 " + in.to() + " (record timestamps, end excluded)");
    row(
        h,
        "partitions",
        in.partitions().stream()
            .map(p -> p.partition() + ": [" + p.start() + ", " + p.end() + ")")
            .collect(Collectors.joining(", ")));
    row(h, "live taxonomy", taxonomy(in.liveTaxonomy()));
    row(h, "candidate taxonomy", taxonomy(in.candidateTaxonomy()));
    row(
        h,
        "watchlists",
        in.watchlists().source()
            + " \u00b7 "
            + in.watchlists().count()
            + " watchlists of "
            + in.watchlists().subscribers()
            + " subscribers \u00b7 sha256 "
            + in.watchlists().sha256().substring(0, 12));
    in.watchlists().invalid().forEach((id, problem) -> row(h, "left out: " + id, problem));
    in.watchlists().problems().forEach(p -> row(h, "unreadable", p));
    h.append("</table>\n");

    ReplayReport.Execution e = report.execution();
    h.append("<h2>Run</h2>\n<table>");
    row(h, "started", String.valueOf(e.startedAt()));
    row(h, "finished", String.valueOf(e.finishedAt()));
    row(h, "worker threads", e.threads());
    row(h, "replay", rate(e.replay()));
    row(h, "plain consumer (baseline)", e.baseline() == null ? "not measured" : rate(e.baseline()));
    row(
        h,
        "replay / baseline",
        e.ratio() == null
            ? "\u2013"
            : String.format(
                Locale.ROOT,
                "%.2f (target at least %.2f: %s)",
                e.ratio(),
                e.target(),
                Boolean.TRUE.equals(e.targetMet()) ? "met" : "not met"));
    h.append("</table>\n</body></html>\n");
    return h.toString();
  }

  private static void changes(
      StringBuilder h, String title, List<ItemOutcome.AlertChange> changes, String css) {
    h.append("<h2>").append(title).append(" (").append(changes.size()).append(")</h2>\n");
    if (changes.isEmpty()) {
      h.append("<p class=\"muted\">None.</p>\n");
      return;
    }
    h.append("<table><tr><th>subscriber</th><th>watchlist</th><th>week</th><th>item</th>")
        .append("<th>tags</th><th>why (watchlist criteria)</th><th>tag changes</th></tr>\n");
    int shown = 0;
    for (ItemOutcome.AlertChange c : changes) {
      if (shown++ == MAX_ROWS) {
        break;
      }
      h.append("<tr class=\"")
          .append(css)
          .append("\"><td>")
          .append(esc(c.subscriberId()))
          .append("</td><td>")
          .append(esc(c.watchlistName()))
          .append("</td><td>")
          .append(esc(c.week()))
          .append("</td><td>")
          .append(esc(c.title()))
          .append(" <span class=\"muted\">")
          .append(esc(c.itemId()))
          .append("</span></td><td>")
          .append(esc(String.join(", ", c.sectors())))
          .append(c.risks().isEmpty() ? "" : " \u00b7 " + esc(String.join(", ", c.risks())))
          .append(" \u00b7 ")
          .append(esc(c.level()))
          .append("</td><td>");
      for (ItemOutcome.Reason reason : c.reasons()) {
        h.append("<div><b>")
            .append(esc(reason.criterion()))
            .append("</b>: ")
            .append(esc(String.join(", ", reason.matched())));
        if (!reason.highlights().isEmpty()) {
          h.append(" <span class=\"muted\">(")
              .append(
                  esc(
                      reason.highlights().stream()
                          .map(ItemOutcome.Highlight::text)
                          .collect(Collectors.joining(", "))))
              .append(")</span>");
        }
        h.append("</div>");
      }
      h.append("</td><td>");
      for (ItemOutcome.TagChange t : c.tagChanges()) {
        h.append("<div>")
            .append(t.change().equals("gained") ? "+" : "\u2212")
            .append(esc(t.dimension() + ":" + t.tag()))
            .append(" <span class=\"muted\">")
            .append(esc(String.join(", ", t.rules())))
            .append(
                t.words().isEmpty()
                    ? ""
                    : ": \u201c" + esc(String.join("\u201d, \u201c", t.words())) + "\u201d")
            .append("</span></div>");
      }
      h.append("</td></tr>\n");
    }
    h.append("</table>\n");
    if (changes.size() > MAX_ROWS) {
      h.append("<p class=\"muted\">First ")
          .append(MAX_ROWS)
          .append(" shown; report.json lists all ")
          .append(changes.size())
          .append(".</p>\n");
    }
  }

  private static void tagTable(StringBuilder h, String what, List<ReplayReport.TagCount> counts) {
    if (counts.isEmpty()) {
      h.append("<p class=\"muted\">No ").append(what).append(" changes.</p>\n");
      return;
    }
    h.append("<table><tr><th>")
        .append(what)
        .append(
            "</th><th class=\"n\">items gaining it</th><th class=\"n\">items losing it</th></tr>");
    for (ReplayReport.TagCount c : counts) {
      h.append("<tr><td>").append(esc(c.id())).append("</td>");
      num(h, c.gained(), "add");
      num(h, c.lost(), "rem");
      h.append("</tr>");
    }
    h.append("</table>\n");
  }

  /** Stacked bars of candidate alerts per week by primary sector; live alerts as a line. */
  private static void weeksChart(StringBuilder h, List<ReplayReport.Week> weeks) {
    if (weeks.isEmpty()) {
      h.append("<p class=\"muted\">No items in the range.</p>\n");
      return;
    }
    List<String> sectors = new ArrayList<>();
    TreeSet<String> present = new TreeSet<>();
    for (ReplayReport.Week w : weeks) {
      present.addAll(w.candidateBySector().keySet());
    }
    for (String id : TaxonomyIds.SECTORS) {
      if (present.remove(id)) {
        sectors.add(id);
      }
    }
    sectors.addAll(present);
    long max = 1;
    for (ReplayReport.Week w : weeks) {
      max = Math.max(max, Math.max(w.candidateAlerts(), w.liveAlerts()));
    }
    int width = 1100;
    int height = 320;
    int left = 48;
    int bottom = 56;
    int top = 14;
    double plotW = width - left - 10;
    double plotH = height - top - bottom;
    double slot = plotW / weeks.size();
    double bar = Math.max(1, Math.min(48, slot * 0.7));
    h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" role=\"img\" aria-label=\"Alerts per week by sector\">");
    for (int i = 0; i <= 4; i++) {
      long value = Math.round(max * i / 4.0);
      double y = top + plotH - plotH * value / max;
      h.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e6e8ef\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"#556\">%d</text>",
              left,
              y,
              width - 10,
              y,
              left - 6,
              y + 4,
              value));
    }
    int labelEvery = Math.max(1, (int) Math.ceil(weeks.size() / 20.0));
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < weeks.size(); i++) {
      ReplayReport.Week w = weeks.get(i);
      double x = left + i * slot + (slot - bar) / 2;
      double y = top + plotH;
      for (String sector : sectors) {
        long n = w.candidateBySector().getOrDefault(sector, 0L);
        if (n == 0) {
          continue;
        }
        double hgt = plotH * n / max;
        y -= hgt;
        h.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                    + "<title>%s %s: %d</title></rect>",
                x,
                y,
                bar,
                hgt,
                color(sector),
                esc(w.week()),
                esc(sector),
                n));
      }
      double cx = left + i * slot + slot / 2;
      double ly = top + plotH - plotH * w.liveAlerts() / max;
      line.append(String.format(Locale.ROOT, "%.1f,%.1f ", cx, ly));
      if (i % labelEvery == 0) {
        h.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#556\" "
                    + "transform=\"rotate(-45 %.1f %.1f)\" text-anchor=\"end\">%s</text>",
                cx,
                top + plotH + 14,
                cx,
                top + plotH + 14,
                esc(w.week())));
      }
    }
    h.append("<polyline fill=\"none\" stroke=\"#1d2330\" stroke-width=\"1.5\" ")
        .append("stroke-dasharray=\"4 3\" points=\"")
        .append(line.toString().strip())
        .append("\"/>");
    h.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#889\"/>",
            left,
            top + plotH,
            width - 10,
            top + plotH));
    h.append("</svg>\n<div class=\"legend\">");
    for (String sector : sectors) {
      h.append("<span><i style=\"background:")
          .append(color(sector))
          .append("\"></i>")
          .append(esc(sector))
          .append("</span>");
    }
    h.append(
        "<span><i style=\"background:none;border-top:2px dashed #1d2330;height:0\"></i>"
            + "live alerts (all sectors)</span></div>\n<p class=\"muted\">Bars: candidate alerts by"
            + " the item's primary sector; weeks of the item's event date (else its record"
            + " timestamp).</p>\n");
  }

  /** Horizontal bars per subscriber: removed to the left, added to the right. */
  private static void subscribersChart(
      StringBuilder h, List<ReplayReport.SubscriberAlerts> subscribers) {
    if (subscribers.isEmpty()) {
      h.append("<p class=\"muted\">No watchlists.</p>\n");
      return;
    }
    long max = 1;
    for (ReplayReport.SubscriberAlerts s : subscribers) {
      max = Math.max(max, Math.max(s.added(), s.removed()));
    }
    int width = 1100;
    int rowH = 24;
    int top = 20;
    int height = top + rowH * subscribers.size() + 10;
    int labelW = 220;
    double half = (width - labelW - 90) / 2.0;
    double axis = labelW + half;
    h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" role=\"img\" aria-label=\"Added and removed alerts per subscriber\">");
    h.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"12\" font-size=\"11\" text-anchor=\"end\" fill=\"#c62828\">"
                + "removed</text><text x=\"%.1f\" y=\"12\" font-size=\"11\" fill=\"#1a7f37\">"
                + "added</text>",
            axis - 6,
            axis + 6));
    for (int i = 0; i < subscribers.size(); i++) {
      ReplayReport.SubscriberAlerts s = subscribers.get(i);
      double y = top + i * rowH;
      double removed = half * s.removed() / max;
      double added = half * s.added() / max;
      h.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\">%s</text>"
                  + "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"#e57373\">"
                  + "<title>%s: %d removed</title></rect>"
                  + "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"#66bb6a\">"
                  + "<title>%s: %d added</title></rect>"
                  + "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#556\">+%d / \u2212%d"
                  + "</text>",
              labelW - 8,
              y + 15,
              esc(s.subscriberId()),
              axis - removed,
              y + 3,
              removed,
              rowH - 6,
              esc(s.subscriberId()),
              s.removed(),
              axis,
              y + 3,
              added,
              rowH - 6,
              esc(s.subscriberId()),
              s.added(),
              axis + added + 6,
              y + 15,
              s.added(),
              s.removed()));
    }
    h.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#889\"/>",
            axis,
            top - 4,
            axis,
            height - 6));
    h.append("</svg>\n");
  }

  private static String color(String sector) {
    int i = TaxonomyIds.SECTORS.indexOf(sector);
    return PALETTE[Math.floorMod(i >= 0 ? i : sector.hashCode(), PALETTE.length)];
  }

  private static String taxonomy(ReplayReport.TaxonomyRef t) {
    return t.version() + " \u00b7 " + t.source() + " \u00b7 sha256 " + t.sha256().substring(0, 12);
  }

  private static String rate(ReplayReport.Rate rate) {
    return String.format(
        Locale.ROOT,
        "%,d records (%,d bytes) in %.2f s: %,.0f records/s",
        rate.records(),
        rate.bytes(),
        rate.seconds(),
        rate.recordsPerSecond());
  }

  private static void card(StringBuilder h, Object value, String label) {
    card(h, value, label, null);
  }

  private static void card(StringBuilder h, Object value, String label, String css) {
    h.append("<div class=\"card\"><b")
        .append(css == null ? "" : " class=\"" + css + "\"")
        .append(">")
        .append(esc(value))
        .append("</b><span>")
        .append(esc(label))
        .append("</span></div>");
  }

  private static void num(StringBuilder h, long value, String css) {
    h.append("<td class=\"n")
        .append(css != null && value > 0 ? " " + css : "")
        .append("\">")
        .append(value)
        .append("</td>");
  }

  private static void row(StringBuilder h, String key, Object value) {
    h.append("<tr><th>")
        .append(esc(key))
        .append("</th><td>")
        .append(esc(value))
        .append("</td></tr>");
  }

  /** HTML-escapes text for element content and double-quoted attributes. */
  static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
