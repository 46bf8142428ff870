/**
 * The S3 archive of every published event, one JSON object per event under a date/hour partition, and the archive's
 * own subscription to the topic that stores what an ingest's S3 put left out.
 */
package io.netflixevents.frontend.archive;
