package io.netflixevents.frontend.pipeline;

import java.time.Instant;
import java.util.List;

/**
 * Each consumer's recently applied events, as of {@code checkedAt} (the frontend's clock, which the page also uses
 * to line its own clock up with the services').
 */
record PipelineStatus(Instant checkedAt, List<ServiceAnswer<List<AppliedEvents.AppliedEvent>>> services) {
}
