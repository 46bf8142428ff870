/** How the frontend's AWS SDK clients behave: bounded call times, so an outage answers quickly; path-style S3 on emulators. */
package io.netflixevents.frontend.aws;
