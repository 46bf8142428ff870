package io.netflixevents.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;

/** What the bench's commands share: their {@code --name value} options, and the canvas their charts are drawn on. */
public final class BenchTools {

	private BenchTools() {
	}

	/** {@code --name value} pairs, and {@code --smoke} alone as {@code smoke=true}. */
	public static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--smoke")) {
				options.put("smoke", "true");
			}
			else {
				options.put(args[i].substring(2), args[++i]);
			}
		}
		return options;
	}

	/** A white, antialiased canvas, black to draw on. */
	public static Graphics2D whiteCanvas(BufferedImage image) {
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, image.getWidth(), image.getHeight());
		g.setColor(Color.BLACK);
		return g;
	}

}
