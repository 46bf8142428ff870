/**
 * A bench-only consumer whose handler does nothing, on the listener settings of the real consumers: it measures what
 * Spring Cloud AWS's listener container costs next to a raw SDK loop.
 */
package io.netflixevents.bench.noop;
