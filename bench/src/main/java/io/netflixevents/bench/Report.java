package io.netflixevents.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

/** {@code results.md} (the table) and {@code chart.png} (ratios, and end-to-end latency per service). */
final class Report {

	/** One line of the table; {@code ratio} is ours ÷ baseline over the runs, or null when there is no baseline. */
	record Row(String id, String title, String emulator, int latencyMillis, String ours, String baseline,
			Stats.Summary ratio, String target) {
	}

	private Report() {
	}

	static void write(Bench bench, double minutes) throws IOException {
		Files.createDirectories(bench.out());
		StringBuilder md = new StringBuilder();
		md.append("# Benchmark results").append(bench.smoke() ? " (SMOKE RUN: seconds-long, not figures)" : "")
			.append("\n\n");
		md.append("- When: ")
			.append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
			.append("; whole run (build excluded) ").append(Stats.num(minutes)).append(" min\n");
		md.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
			.append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append(", Java ")
			.append(System.getProperty("java.version"))
			.append(" (the bench and its raw loops, with the JVM's default flags; the no-op app and the raw loops' copies in "
					+ "JVMs of their own, with the services' ")
			.append(bench.serviceFlags).append("); services started by infra/local/launch.sh on Java ")
			.append(bench.serviceJava)
			.append(" (extracted jar, its class archive and those flags)\n");
		md.append("- Emulators on loopback: fauxqs 2.4.1 (SNS, SQS, S3) on node 22.23.3; moto 5.2.1 (DynamoDB only; "
				+ "one process per service's table, case 0 on the first)\n");
		md.append("- Each figure: median of ").append(bench.runs())
			.append(" runs after a warm-up, (min–max) over the runs; ratio = ours ÷ baseline, run by run\n");
		md.append("- Added latency: a TCP proxy delaying every request to the emulators (both of them) by that many ms\n\n");
		md.append("| # | Case | Emulator | Added latency | Ours | Baseline | Ratio | Target |\n");
		md.append("|---|------|----------|---------------|------|----------|-------|--------|\n");
		for (Row row : bench.rows) {
			md.append("| ").append(row.id()).append(" | ").append(row.title()).append(" | ").append(row.emulator())
				.append(" | ").append(row.latencyMillis()).append(" ms | ").append(row.ours()).append(" | ")
				.append(row.baseline()).append(" | ")
				.append(row.ratio() == null ? "—" : row.ratio().format("×").replace(" ×", "×")).append(" | ")
				.append(row.target()).append(" |\n");
		}
		Files.writeString(bench.out().resolve("results.md"), md.toString());
		chart(bench);
	}

	private static void chart(Bench bench) throws IOException {
		List<Row> ratioRows = bench.rows.stream().filter(r -> r.ratio() != null).toList();
		int rowHeight = 26;
		int left = 560;
		int plotWidth = 520;
		int top = 60;
		int ratioHeight = ratioRows.size() * rowHeight;
		int e2eTop = top + ratioHeight + 90;
		int e2eHeight = bench.endToEnd.size() * 2 * rowHeight;
		int width = left + plotWidth + 60;
		int height = e2eTop + e2eHeight + 50;
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = BenchTools.whiteCanvas(image);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
		g.drawString("netflix-events benchmark: ours ÷ baseline (log scale; median, whisker = min–max over runs)", 20,
				28);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		g.drawString(Runtime.getRuntime().availableProcessors() + " cores; grey = 0 ms added, blue = 15 ms added per "
				+ "AWS request; the line at 1× is parity" + (bench.smoke() ? "; SMOKE RUN" : ""), 20, 46);
		// log axis from 0.01 to 100
		double min = Math.log10(0.01);
		double max = Math.log10(100);
		java.util.function.DoubleToIntFunction x = v -> left
				+ (int) ((Math.log10(Math.max(0.01, Math.min(100, v))) - min) / (max - min) * plotWidth);
		for (double tick : new double[] { 0.01, 0.1, 1, 10, 100 }) {
			g.setColor(tick == 1 ? Color.BLACK : new Color(220, 220, 220));
			g.drawLine(x.applyAsInt(tick), top - 5, x.applyAsInt(tick), top + ratioHeight);
			g.setColor(Color.DARK_GRAY);
			g.drawString(tick + "×", x.applyAsInt(tick) - 12, top + ratioHeight + 16);
		}
		for (int i = 0; i < ratioRows.size(); i++) {
			Row row = ratioRows.get(i);
			int y = top + i * rowHeight;
			g.setColor(Color.BLACK);
			g.drawString(fit(g, label(row), left - 30), 20, y + 17);
			Stats.Summary ratio = row.ratio();
			if (ratio.runs() == 0) {
				continue;
			}
			g.setColor(row.latencyMillis() == 0 ? new Color(150, 150, 150) : new Color(60, 110, 200));
			int from = x.applyAsInt(1);
			int to = x.applyAsInt(ratio.median());
			g.fillRect(Math.min(from, to), y + 5, Math.max(2, Math.abs(to - from)), rowHeight - 10);
			g.setColor(Color.BLACK);
			g.setStroke(new BasicStroke(1.5f));
			g.drawLine(x.applyAsInt(ratio.min()), y + rowHeight / 2, x.applyAsInt(ratio.max()), y + rowHeight / 2);
			g.drawString(Stats.num(ratio.median()) + "×", Math.max(from, to) + 6, y + 17);
		}
		// end to end
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
		g.drawString("End to end at 50 events/s: POST accepted → applied, ms (bar = p50, outline = p99)", 20,
				e2eTop - 20);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		double e2eMax = bench.endToEnd.values().stream().flatMap(m -> m.values().stream())
			.mapToDouble(v -> Double.isNaN(v[1]) ? 0 : v[1]).max().orElse(1);
		int i = 0;
		for (Map.Entry<String, Map<Integer, double[]>> service : bench.endToEnd.entrySet()) {
			for (Map.Entry<Integer, double[]> byLatency : service.getValue().entrySet()) {
				int y = e2eTop + i++ * rowHeight;
				double[] p = byLatency.getValue();
				g.setColor(Color.BLACK);
				g.drawString(service.getKey() + "-service, +" + byLatency.getKey() + " ms", 20, y + 17);
				if (Double.isNaN(p[0])) {
					continue;
				}
				int p50 = (int) (p[0] / e2eMax * (plotWidth - 150));
				int p99 = (int) (p[1] / e2eMax * (plotWidth - 150));
				g.setColor(byLatency.getKey() == 0 ? new Color(150, 150, 150) : new Color(60, 110, 200));
				g.fillRect(left, y + 5, Math.max(2, p50), rowHeight - 10);
				g.setColor(Color.BLACK);
				g.drawRect(left, y + 5, Math.max(2, p99), rowHeight - 10);
				g.drawString(Stats.num(p[0]) + " / " + Stats.num(p[1]) + " ms", left + p99 + 6, y + 17);
			}
		}
		g.dispose();
		ImageIO.write(image, "png", bench.out().resolve("chart.png").toFile());
	}

	private static String label(Row row) {
		String better = row.title().contains("latency") || row.title().contains("CPU time") ? "lower is better"
				: "higher is better";
		return "+" + row.latencyMillis() + " ms, " + better + " | " + row.id() + ". " + row.title();
	}

	private static String fit(Graphics2D g, String text, int width) {
		if (g.getFontMetrics().stringWidth(text) <= width) {
			return text;
		}
		String cut = text;
		while (cut.length() > 1 && g.getFontMetrics().stringWidth(cut + "…") > width) {
			cut = cut.substring(0, cut.length() - 1);
		}
		return cut + "…";
	}

}
