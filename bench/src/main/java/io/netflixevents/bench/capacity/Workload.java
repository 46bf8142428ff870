package io.netflixevents.bench.capacity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.netflixevents.event.MovieDetailsViewedEvent;

/**
 * The events of the model, the same for every service and design (a fixed seed): {@value #MOVIES} movies whose
 * popularity follows Zipf's law with s = {@value #MOVIE_SKEW} (movie 1 the most viewed), titles of 20-40 characters
 * and one to three genres; {@value #USERS} users whose activity is skewed too (Zipf, s = {@value #USER_SKEW}), so a
 * few users have long histories; each event happened just now, up to two seconds ago.
 */
final class Workload {

	static final int MOVIES = 20_000;

	static final double MOVIE_SKEW = 1.0;

	static final int USERS = 100_000;

	static final double USER_SKEW = 0.6;

	private static final String[] WORDS = { "the", "last", "night", "of", "river", "shadow", "empire", "summer",
			"silent", "city", "return", "dragon", "little", "secret", "war", "garden", "lost", "kingdom", "blue",
			"station", "winter", "heart", "iron", "storm", "house", "midnight", "journey", "star", "golden", "road" };

	private static final String[] GENRES = { "Action", "Adventure", "Animation", "Comedy", "Crime", "Documentary",
			"Drama", "Family", "Fantasy", "Horror", "Mystery", "Romance", "Science Fiction", "Thriller" };

	private final Zipf movies = new Zipf(MOVIES, MOVIE_SKEW);

	private final Zipf users = new Zipf(USERS, USER_SKEW);

	private final Random random;

	Workload(long seed) {
		this.random = new Random(seed);
	}

	/** The next {@code count} events. */
	List<MovieDetailsViewedEvent> next(int count) {
		List<MovieDetailsViewedEvent> events = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			long movie = movies.sample(random);
			Instant occurredAt = Instant.now().minusMillis(random.nextInt(2000));
			events.add(MovieDetailsViewedEvent.of(new UUID(random.nextLong(), random.nextLong()), occurredAt,
					userId(users.sample(random)), movie, title(movie), genres(movie), null, null));
		}
		return events;
	}

	/** A user drawn by activity, as the read APIs are called for users who view things. */
	String activeUser() {
		return userId(users.sample(random));
	}

	static String userId(long rank) {
		return "user-" + rank;
	}

	/** A title of 20 to 40 characters, the same for a movie every time. */
	static String title(long movie) {
		Random words = new Random(movie);
		int length = 20 + words.nextInt(21);
		StringBuilder title = new StringBuilder();
		while (title.length() < length) {
			String word = WORDS[words.nextInt(WORDS.length)];
			title.append(title.isEmpty() ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : " " + word);
		}
		return title.substring(0, length).strip();
	}

	static List<String> genres(long movie) {
		Random pick = new Random(-movie);
		return pick.ints(0, GENRES.length).distinct().limit(1 + pick.nextInt(3)).mapToObj(i -> GENRES[i]).toList();
	}

	/** Ranks 1..n, rank k drawn with probability proportional to 1 / k^s. */
	static final class Zipf {

		private final double[] cumulative;

		Zipf(int n, double s) {
			cumulative = new double[n];
			double sum = 0;
			for (int k = 1; k <= n; k++) {
				sum += 1 / Math.pow(k, s);
				cumulative[k - 1] = sum;
			}
			for (int k = 0; k < n; k++) {
				cumulative[k] /= sum;
			}
		}

		long sample(Random random) {
			int index = Arrays.binarySearch(cumulative, random.nextDouble());
			return (index >= 0 ? index : -index - 1) + 1;
		}

		/** The share of draws that rank k gets. */
		double share(int k) {
			return cumulative[k - 1] - (k == 1 ? 0 : cumulative[k - 2]);
		}

	}

}
