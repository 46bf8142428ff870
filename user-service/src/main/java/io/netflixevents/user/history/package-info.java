/** Each user's viewing history, newest first, built from the events and served over HTTP. */
package io.netflixevents.user.history;
