package io.netflixevents.frontend.ingest;

import java.util.List;

import io.netflixevents.event.EventJson;
import io.netflixevents.event.InvalidEventException;
import io.netflixevents.event.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DatabindException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as {@code application/problem+json} (RFC 9457). Bad input names the field it is about, in
 * {@code field} and, with every broken rule, in {@code errors}.
 */
@RestControllerAdvice
class IngestProblems extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(IngestProblems.class);

	private final IngestMetrics metrics;

	IngestProblems(IngestMetrics metrics) {
		this.metrics = metrics;
	}

	@ExceptionHandler
	ProblemDetail invalidEvent(InvalidEventException ex) {
		metrics.rejected("invalid");
		return invalid(ex.violations());
	}

	/** From {@link EventBodySizeLimit}: a Content-Length over the limit (a chunked body that passes it comes below). */
	@ExceptionHandler
	ProblemDetail tooLarge(EventTooLargeException ex) {
		metrics.rejected("too_large");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
		problem.setTitle("Event too large");
		problem.setProperty("field", "(body)");
		return problem;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> awsUnavailable(AwsUnavailableException ex) {
		metrics.rejected("unavailable");
		log.warn("Event {} not accepted: {}", ex.eventId(), ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				ex.step() + " failed; the event was not accepted. Retry with the same eventId.");
		problem.setTitle("AWS unavailable");
		problem.setProperty("eventId", ex.eventId());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof EventTooLargeException tooLarge) { // a chunked body passed the limit while read
				return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge));
			}
		}
		metrics.rejected("invalid");
		Violation violation = ex.getCause() instanceof DatabindException databind
				? new Violation(EventJson.fieldOf(databind), "has the wrong type or format")
				: new Violation("(body)", "is not valid JSON");
		return ResponseEntity.badRequest().body(invalid(List.of(violation)));
	}

	private static ProblemDetail invalid(List<Violation> violations) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				violations.stream().map(Violation::toString).reduce((a, b) -> a + "; " + b).orElse("invalid event"));
		problem.setTitle("Invalid event");
		problem.setProperty("field", violations.get(0).field());
		problem.setProperty("errors", violations);
		return problem;
	}

}
