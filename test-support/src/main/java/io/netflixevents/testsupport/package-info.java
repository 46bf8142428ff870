/**
 * Test fixtures shared by every module's tests: a real AWS emulator with the project's topology applied, and the
 * services run as separate processes. Nothing here mocks AWS.
 */
package io.netflixevents.testsupport;
