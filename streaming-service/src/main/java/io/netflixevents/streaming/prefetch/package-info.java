/**
 * The prefetch list: movies whose details pane was opened lately, most recent first, which the CDN should warm
 * before the play button is pressed.
 */
package io.netflixevents.streaming.prefetch;
