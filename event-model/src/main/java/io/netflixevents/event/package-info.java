/**
 * The contract every service shares: the {@link io.netflixevents.event.MovieDetailsViewedEvent} record, its
 * validation rules, its JSON form, where it is archived in S3 and which SNS message attributes carry its type.
 * Nothing here depends on Spring or AWS.
 */
package io.netflixevents.event;
