package io.netflixevents.user.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netflixevents.consumer.MovieDetailsViewedHandler;
import io.netflixevents.event.MovieDetailsViewedEvent;
import org.springframework.stereotype.Component;

/**
 * Every user's most recent views, newest first by when they happened (events may arrive out of order), at most
 * {@value #KEPT_VIEWS} per user.
 */
@Component
class ViewingHistory implements MovieDetailsViewedHandler {

	static final int KEPT_VIEWS = 100;

	private static final Comparator<ViewedMovie> NEWEST_FIRST = Comparator.comparing(ViewedMovie::viewedAt)
		.reversed();

	private final Map<String, List<ViewedMovie>> byUser = new ConcurrentHashMap<>();

	@Override
	public void on(MovieDetailsViewedEvent event) {
		byUser.compute(event.userId(), (user, views) -> {
			List<ViewedMovie> updated = views == null ? new ArrayList<>() : new ArrayList<>(views);
			updated.add(ViewedMovie.of(event));
			updated.sort(NEWEST_FIRST);
			return List.copyOf(updated.subList(0, Math.min(updated.size(), KEPT_VIEWS)));
		});
	}

	List<ViewedMovie> of(String userId) {
		return byUser.getOrDefault(userId, List.of());
	}

}
