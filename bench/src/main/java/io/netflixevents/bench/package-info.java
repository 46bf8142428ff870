/**
 * The benchmark behind {@code bench/run.sh}: it brings up the services against an emulator, measures them next to
 * raw-SDK, tutorial and naive baselines in the same run, and writes {@code bench/results/}.
 */
package io.netflixevents.bench;
