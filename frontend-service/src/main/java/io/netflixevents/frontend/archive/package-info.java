/** The S3 archive of every accepted event, one JSON object per event under a date/hour partition. */
package io.netflixevents.frontend.archive;
