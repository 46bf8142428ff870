package io.netflixevents.event;

/**
 * Names of the SNS and SQS message attributes that travel beside the event body, so that a subscription's filter
 * policy can select on them without reading the body.
 */
public final class EventAttributes {

	/** String attribute, {@value MovieDetailsViewedEvent#TYPE}. */
	public static final String EVENT_TYPE = "eventType";

	/** Number attribute, the event's schema version. */
	public static final String SCHEMA_VERSION = "schemaVersion";

	private EventAttributes() {
	}

}
