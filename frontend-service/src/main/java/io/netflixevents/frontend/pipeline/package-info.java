/**
 * What the web page's pipeline and result panels show, served by the frontend so that the browser talks only to it:
 * each consumer's {@code /api/applied-events} and its result for a user, fetched in parallel with short timeouts.
 * A consumer that does not answer in time is reported as down, with why, instead of failing the whole answer.
 */
package io.netflixevents.frontend.pipeline;
