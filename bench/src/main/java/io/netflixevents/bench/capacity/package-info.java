/**
 * The DynamoDB capacity model ({@code bench/run.sh --capacity}): drives a Zipf workload through each consumer
 * service's real handler code against the emulators, records every item each service writes and reads through a
 * {@link io.netflixevents.testsupport.DynamoDbProxy}, bills it by DynamoDB's on-demand rules and reports, per
 * service and design, the units per event and per API call, the hottest keys and the largest item.
 */
package io.netflixevents.bench.capacity;
