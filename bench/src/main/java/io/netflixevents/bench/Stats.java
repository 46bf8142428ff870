package io.netflixevents.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians, spreads and percentiles. */
final class Stats {

	private Stats() {
	}

	/** The median of some runs and their range. */
	record Summary(double median, double min, double max, int runs) {

		static Summary of(List<Double> values) {
			List<Double> sorted = new ArrayList<>(values);
			sorted.removeIf(v -> v.isNaN());
			if (sorted.isEmpty()) {
				return new Summary(Double.NaN, Double.NaN, Double.NaN, 0);
			}
			Collections.sort(sorted);
			int n = sorted.size();
			double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
			return new Summary(median, sorted.get(0), sorted.get(n - 1), n);
		}

		String format(String unit) {
			if (runs == 0) {
				return "n/a";
			}
			return num(median) + " " + unit + " (" + num(min) + "–" + num(max) + ")";
		}

	}

	static double percentile(List<Double> values, double p) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
	}

	static String num(double value) {
		if (Double.isNaN(value)) {
			return "n/a";
		}
		double abs = Math.abs(value);
		if (abs >= 100) {
			return String.format("%,.0f", value);
		}
		if (abs >= 10) {
			return String.format("%.1f", value);
		}
		return String.format("%.2f", value);
	}

}
