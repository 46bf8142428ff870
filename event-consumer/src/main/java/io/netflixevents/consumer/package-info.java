/**
 * What the four consumer services share, so each of them only says what it does with an event: the
 * {@code @SqsListener} on the service's queue, decoding of raw and SNS-envelope bodies, and the listener settings.
 * A service provides one {@link io.netflixevents.consumer.MovieDetailsViewedHandler} bean.
 */
package io.netflixevents.consumer;
