package io.netflixevents.bench.capacity;

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
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import javax.imageio.ImageIO;

import io.netflixevents.bench.BenchTools;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code capacity.md} (the tables, goals marked), {@code capacity.png} (before vs after) and the raw JSON. */
final class CapacityReport {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private CapacityReport() {
	}

	/** A run's figures, from its {@code capacity.json}. */
	static List<Figures> read(Path json) throws IOException {
		return List.of(JSON.readValue(Files.readString(json), Figures[].class));
	}

	static void write(Path out, Path raw, List<Figures> unordered, boolean smoke, int events, double minutes)
			throws IOException {
		write(out, raw, unordered, smoke, events, minutes,
				ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
	}

	/** {@code when} the figures were measured, as "2026-12-01 20:30 UTC". */
	static void write(Path out, Path raw, List<Figures> unordered, boolean smoke, int events, double minutes,
			String when) throws IOException {
		// service by service, before next to after
		List<Figures> figures = unordered.stream()
			.sorted(java.util.Comparator.comparing((Figures f) -> CapacityModel.SERVICES.indexOf(f.service()))
				.thenComparing(f -> f.design().equals("before") ? 0 : 1))
			.toList();
		Files.createDirectories(out);
		Files.createDirectories(raw);
		Files.writeString(raw.resolve("capacity.json"), JSON.writeValueAsString(figures));
		StringBuilder md = new StringBuilder("# DynamoDB capacity model")
			.append(smoke ? " (SMOKE RUN: a few hundred events, not figures)" : "").append("\n\n");
		md.append("- When: ").append(when).append("; ").append(num(minutes)).append(" min; `bench/run.sh --capacity").append(smoke ? " --smoke" : "")
			.append("`\n");
		md.append("- Workload: up to ").append(events).append(" events per service and design (the same ones), ")
			.append(Workload.MOVIES).append(" movies with Zipf popularity (s = ").append(Workload.MOVIE_SKEW)
			.append("), titles of 20-40 characters, 1-3 genres; ").append(Workload.USERS)
			.append(" users with Zipf activity (s = ").append(Workload.USER_SKEW)
			.append("); occurredAt = when sent, up to 2 s earlier. Sent raw to each service's queue in 5 rounds; "
					+ "after each round, once applied, 4 quiet seconds and the read APIs, one call at a time.\n");
		md.append("- Billing (developer guide, \"Capacity unit consumption\" and \"Item sizes and formats\"): a write "
				+ "ceil(max(before, after) / 1 KB) WCU, twice in TransactWriteItems (every item, condition checks "
				+ "included; a refused transaction is billed too); a read ceil(size / 4 KB) RCU per item "
				+ "(GetItem, BatchGetItem; half when eventually consistent; a missing item the minimum), a Query "
				+ "its items' total rounded up to 4 KB once. An item's size before a write is what the previous write "
				+ "left (the table starts empty and only the service writes it, through the proxy); after, the item "
				+ "put, or the updated item read back from the emulator; one item's writes are recorded one at a "
				+ "time.\n");
		md.append("- Designs: *before* = the consumer services at commit 865cdbe (the design before the "
				+ "data model of docs/data-model.md), *after* = the services of the checkout that ran this. Each service's design ran on its "
				+ "own queue and table for at most 5 minutes of rounds: a slow design applies fewer events.\n");
		md.append("- Event-path reads (RRU / event) include the rollup refresh's reads during the rounds, less the "
				+ "quiet seconds' rate; the emulator applies a few dozen events/s, so a refresh touches almost one "
				+ "movie per event, where at 10,000 events/s many events share a movie: an upper bound.\n");
		md.append("- Prices: on-demand, us-east-1, standard table class: $").append(Billing.DOLLARS_PER_MILLION_WRITE_UNITS)
			.append(" per million WRU, $").append(Billing.DOLLARS_PER_MILLION_READ_UNITS)
			.append(" per million RRU (after the November 2024 price cut; quoted by airbyte.com, \"Amazon DynamoDB "
					+ "Pricing\", 2025-07-21). $ per million events = writes + event-path reads.\n");
		md.append("- Scaled to ").append(num(Figures.EVENTS_PER_SECOND)).append(" events/s: event-path units per "
				+ "event times the rate, plus background units per second (writes outside an event's transaction, "
				+ "e.g. a rollup refresh; reads in the quiet seconds) as measured. A read API's partition ceiling "
				+ "assumes ").append(num(Figures.API_CALLS_PER_SECOND)).append(" calls/s of it (the issue gives no "
						+ "read rate); user APIs' calls are drawn by user activity, the first for the most active "
						+ "user. The WRU goal is checked on the event's transaction; the background is one "
						+ "instance's, per rollup and refresh interval whatever the rate, so at 10,000 events/s on N "
						+ "instances it is N times the figure shown.\n");
		md.append("- The hottest *partition key* is what can be measured: DynamoDB may keep several keys in one "
				+ "partition and splits a hot partition (adaptive capacity, split for heat), but never a single "
				+ "item, nor one partition key's items beyond what its sort keys allow.\n\n");

		md.append("## Per service\n\n");
		md.append("| Service | Design | Events applied | WRU / event: the event's transaction (goal); with the background | RRU / event | Hottest partition key: share "
				+ "of WCU, WCU/s at 10k ev/s | Events/s at 1,000 WCU/s | Hottest item, share of WCU | Most written "
				+ "item: writes / event (tx/s at 10k ev/s) | Largest item | $ / million events |\n");
		md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
		for (Figures f : figures) {
			md.append("| ").append(f.service()).append(" | ").append(f.design()).append(" | ").append(f.applied())
				.append(" of ").append(f.sent()).append(lost(f)).append(" | ")
				.append(String.format(Locale.ROOT, "%.4f", f.transactionWruPerEvent())).append(" (≤ ")
				.append(num(Figures.MAX_WRU_PER_EVENT.get(f.service()))).append(") ").append(mark(f.wruGoal()))
				.append("; with the background's ").append(num(f.backgroundWcuPerSecond())).append(" WCU/s: ")
				.append(String.format(Locale.ROOT, "%.4f", f.wruPerEvent()))
				.append(" | ").append(String.format(Locale.ROOT, "%.4f", f.rruPerEvent())).append(" | `").append(f.hottestPk()).append("`: ")
				.append(percent(f.hottestPkShare())).append(", ").append(num(f.hottestPkWcuPerSecond())).append(' ')
				.append(mark(f.partitionGoal())).append(" | ").append(num(f.partitionCeilingEventsPerSecond()))
				.append(" | `").append(f.hottestItem()).append("`: ").append(percent(f.hottestItemShare()))
				.append(" | `").append(f.mostWrittenItem()).append("`: ").append(num(f.mostWrittenItemWritesPerEvent()))
				.append(" (").append(num(f.mostWrittenItemWritesPerEvent() * Figures.EVENTS_PER_SECOND)).append(") | ")
				.append(num(f.largestItemBytes())).append(" B `").append(f.largestItemKey()).append("` ")
				.append(mark(f.itemGoal())).append(" | ").append(String.format(Locale.ROOT, "%.2f", f.dollarsPerMillionEvents()))
				.append(" |\n");
		}
		md.append("\nWRU per event by round (steady state when flat): ");
		for (Figures f : figures) {
			md.append(f.service()).append(' ').append(f.design()).append(' ')
				.append(f.roundWruPerEvent().stream().map(CapacityReport::num).toList()).append("; ");
		}
		md.append("\n\nRefused transactions (billed; a redelivery retries them): ");
		for (Figures f : figures) {
			if (!f.refusals().isEmpty()) {
				md.append(f.service()).append(' ').append(f.design()).append(' ').append(f.refusals()).append("; ");
			}
		}
		md.append("\n\n## Read APIs\n\n");
		md.append("| Service | Design | API | Calls | RCU / call (max) | KB / call (max, ≤ 64) | Hottest partition key: "
				+ "RCU / call | Calls/s at 3,000 RCU/s on it (≥ ").append(num(Figures.API_CALLS_PER_SECOND))
			.append(") |\n|---|---|---|---|---|---|---|---|\n");
		for (Figures f : figures) {
			for (Figures.Api api : f.apis()) {
				md.append("| ").append(f.service()).append(" | ").append(f.design()).append(" | `").append(api.path())
					.append("` | ").append(api.calls()).append(api.failures() > 0 ? " (" + api.failures() + " failed)" : "")
					.append(" | ").append(num(api.rcuPerCall())).append(" (").append(num(api.maxRcuPerCall()))
					.append(") | ").append(num(api.kbPerCall())).append(" (").append(num(api.maxKbPerCall()))
					.append(") ").append(mark(api.readsWithinLimit())).append(" | `").append(api.hottestPk())
					.append("`: ").append(num(api.hottestPkRcuPerCall())).append(" | ")
					.append(num(api.ceilingCallsPerSecond())).append(' ').append(mark(api.partitionWithinLimit()))
					.append(" |\n");
			}
		}
		md.append("\n## Goals at 10,000 events/s\n\n| Service | Design | Partition key ≤ 1,000 WCU/s | Read API "
				+ "partition ≤ 3,000 RCU/s | Item ≤ 8 KB | WRU / event | Reads ≤ 64 KB / call |\n|---|---|---|---|---|---|---|\n");
		for (Figures f : figures) {
			md.append("| ").append(f.service()).append(" | ").append(f.design()).append(" | ").append(mark(f.partitionGoal()))
				.append(" | ").append(mark(f.readPartitionGoal())).append(" | ").append(mark(f.itemGoal())).append(" | ")
				.append(mark(f.wruGoal())).append(" | ").append(mark(f.readSizeGoal())).append(" |\n");
		}
		Files.writeString(out.resolve("capacity.md"), md.toString());
		chart(out.resolve("capacity.png"), figures, smoke);
	}

	/** Two panels, log scale: WRU per event (goal marked) and the events/s at which the hottest key passes 1,000 WCU/s. */
	private static void chart(Path file, List<Figures> figures, boolean smoke) throws IOException {
		int rowHeight = 22;
		int top = 70;
		int left = 200;
		int panel = 420;
		int gap = 60;
		int height = top + figures.size() * rowHeight + 60;
		int width = left + 2 * panel + gap + 80;
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = BenchTools.whiteCanvas(image);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
		g.drawString("Capacity model: DynamoDB units per event and partition ceiling, before vs after"
				+ (smoke ? " (SMOKE RUN)" : ""), 20, 24);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		g.drawString("log scale; grey = before, blue = after; red tick = the goal (WRU/event limit; 10,000 events/s)",
				20, 42);
		panel(g, figures, "WRU per event (lower is better)", left, top, panel, rowHeight, 0.1, 1000, Figures::wruPerEvent,
				f -> Figures.MAX_WRU_PER_EVENT.getOrDefault(f.service(), 0.0));
		panel(g, figures, "events/s at which the hottest key passes 1,000 WCU/s (higher is better)", left + panel + gap,
				top, panel, rowHeight, 10, 1e6, Figures::partitionCeilingEventsPerSecond,
				f -> Figures.EVENTS_PER_SECOND);
		for (int i = 0; i < figures.size(); i++) {
			g.setColor(Color.BLACK);
			g.drawString(figures.get(i).service() + " (" + figures.get(i).design() + ")", 20, top + i * rowHeight + 15);
		}
		g.dispose();
		ImageIO.write(image, "png", file.toFile());
	}

	private static void panel(Graphics2D g, List<Figures> figures, String title, int left, int top, int width,
			int rowHeight, double min, double max, ToDoubleFunction<Figures> value, ToDoubleFunction<Figures> goal) {
		double lo = Math.log10(min);
		double hi = Math.log10(max);
		java.util.function.DoubleToIntFunction x = v -> left
				+ (int) ((Math.log10(Math.max(min, Math.min(max, v))) - lo) / (hi - lo) * width);
		int bottom = top + figures.size() * rowHeight;
		g.setColor(Color.BLACK);
		g.drawString(title, left, top - 8);
		for (double tick = min; tick <= max * 1.0001; tick *= 10) {
			g.setColor(new Color(225, 225, 225));
			g.drawLine(x.applyAsInt(tick), top, x.applyAsInt(tick), bottom);
			g.setColor(Color.DARK_GRAY);
			g.drawString(num(tick), x.applyAsInt(tick) - 10, bottom + 16);
		}
		for (int i = 0; i < figures.size(); i++) {
			Figures f = figures.get(i);
			int y = top + i * rowHeight;
			double v = value.applyAsDouble(f);
			g.setColor(f.design().equals("before") ? new Color(150, 150, 150) : new Color(60, 110, 200));
			g.fillRect(left, y + 4, Math.max(2, x.applyAsInt(v) - left), rowHeight - 8);
			g.setColor(new Color(200, 30, 30));
			g.setStroke(new BasicStroke(2f));
			int goalX = x.applyAsInt(goal.applyAsDouble(f));
			g.drawLine(goalX, y + 1, goalX, y + rowHeight - 1);
			g.setColor(Color.BLACK);
			g.drawString(num(v), Math.min(left + width - 30, x.applyAsInt(v) + 4), y + 15);
		}
	}

	/** Events sent and not applied: refused ones are a failure; otherwise the time budget ended first. */
	private static String lost(Figures f) {
		if (f.lost() <= 0) {
			return "";
		}
		return f.refusals().isEmpty() ? " (the rest still queued when its time budget ended; none refused)"
				: " ✗ (refused: " + f.refusals() + ")";
	}

	private static String mark(boolean ok) {
		return ok ? "✓" : "✗";
	}

	private static String percent(double share) {
		return String.format(Locale.ROOT, "%.1f %%", 100 * share);
	}

	static String num(double value) {
		if (Double.isInfinite(value)) {
			return "∞";
		}
		if (Double.isNaN(value)) {
			return "n/a";
		}
		double abs = Math.abs(value);
		if (abs >= 100) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		if (abs >= 10) {
			return String.format(Locale.ROOT, "%.1f", value);
		}
		return String.format(Locale.ROOT, "%.2f", value);
	}

}
