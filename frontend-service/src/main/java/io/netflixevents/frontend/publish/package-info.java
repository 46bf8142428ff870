/**
 * Where an accepted event goes: the SNS topic that fans out to every service's queue, or, in the tutorial's first
 * step, a single SQS queue.
 */
package io.netflixevents.frontend.publish;
