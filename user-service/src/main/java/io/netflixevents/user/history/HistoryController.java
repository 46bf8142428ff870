package io.netflixevents.user.history;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HistoryController {

	private final ViewingHistory history;

	HistoryController(ViewingHistory history) {
		this.history = history;
	}

	@GetMapping("/api/users/{userId}/history")
	UserHistory history(@PathVariable String userId) {
		return new UserHistory(userId, history.of(userId));
	}

	record UserHistory(String userId, List<ViewedMovie> views) {
	}

}
