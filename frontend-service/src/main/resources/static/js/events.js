// The events this page sent, and what became of each: accepted (S3 key, message id), then applied by each consumer.
import { sendMovieDetailsViewed, FrontendDown } from './api.js';
import { uuid } from './dom.js';

export const CONSUMERS = ['recommendation-service', 'search-service', 'streaming-service', 'user-service'];

const KEEP = 12;
const RETRY_DELAYS = [400, 1200];

const events = []; // newest first
const listeners = new Set();
let clockOffset = 0; // the services' clock minus this browser's, learnt from the frontend's answers
let bestRoundTrip = Infinity;
const session = sessionId();

function sessionId() {
  try {
    let id = sessionStorage.getItem('netflix-events.session');
    if (!id) sessionStorage.setItem('netflix-events.session', (id = uuid()));
    return id;
  } catch {
    return uuid();
  }
}

export const tracked = () => events;
export const onChange = (listener) => listeners.add(listener);
const changed = (event) => listeners.forEach((listener) => listener(event));

/** The frontend said what time it was when it answered: keep the estimate from the quickest round trip. */
export function learnClock(serverIso, sent, received) {
  const roundTrip = received - sent;
  if (roundTrip <= bestRoundTrip) {
    bestRoundTrip = roundTrip;
    clockOffset = Date.parse(serverIso) - (sent + received) / 2;
  }
}

/**
 * One opening of a movie's details: a new event with its own id and time, sent once. A retry (automatic, or the
 * "Try again" button) sends the very same body, so the frontend stores and publishes it only once.
 */
export function movieOpened(movie, userId) {
  const event = {
    body: {
      eventId: uuid(),
      occurredAt: new Date(Date.now() + clockOffset).toISOString(),
      userId,
      movieId: movie.id,
      movieTitle: movie.title,
      genres: movie.genres,
      sessionId: session,
      device: 'web',
    },
    movie,
    state: 'sending',
    attempts: 0,
    applied: {},
    down: {},
  };
  events.unshift(event);
  events.splice(KEEP);
  send(event);
  return event;
}

export async function send(event) {
  event.state = 'sending';
  event.problem = null;
  changed(event);
  for (let attempt = 0; ; attempt++) {
    event.attempts++;
    const started = performance.now();
    let answer;
    try {
      answer = await sendMovieDetailsViewed(event.body);
    } catch (error) {
      answer = { ok: false, status: 0, body: { detail: error instanceof FrontendDown ? error.message : String(error) } };
    }
    if (answer.ok) {
      Object.assign(event, {
        state: 'accepted',
        s3Key: answer.body.s3Key,
        messageId: answer.body.messageId,
        publishedTo: answer.body.publishedTo,
        acceptedMs: Math.round(performance.now() - started),
      });
      changed(event);
      return;
    }
    const retryable = answer.status === 0 || answer.status >= 500;
    if (!retryable || attempt >= RETRY_DELAYS.length) {
      event.state = 'failed';
      event.problem = answer.body?.detail ?? answer.body?.title ?? `HTTP ${answer.status}`;
      changed(event);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS[attempt]));
  }
}

/** Marks the ticks that /api/pipeline/applied-events shows; answers whether any event got a new one. */
export function applyStatus(status) {
  const byService = new Map(status.services.map((answer) => [answer.service, answer]));
  let ticked = false;
  for (const event of events) {
    if (event.state !== 'accepted') continue;
    let eventChanged = false;
    for (const service of CONSUMERS) {
      const answer = byService.get(service);
      const wasDown = Boolean(event.down[service]);
      const isDown = answer ? !answer.up : false;
      if (wasDown !== isDown && !event.applied[service]) {
        event.down[service] = isDown;
        eventChanged = true;
      }
      if (event.applied[service] || !answer?.up) continue;
      const seen = answer.body.find((applied) => applied.eventId === event.body.eventId);
      if (seen) {
        event.applied[service] = seen.appliedAt;
        eventChanged = ticked = true;
      }
    }
    if (eventChanged) changed(event);
  }
  return ticked;
}

export const isComplete = (event) => CONSUMERS.every((service) => event.applied[service]);

export const inFlight = () => events.some((event) => event.state === 'sending'
  || (event.state === 'accepted' && !isComplete(event) && Date.now() - Date.parse(event.body.occurredAt) < 120_000));

/** Milliseconds from the event's occurredAt until the service applied it. */
export const elapsed = (event, service) =>
  Math.max(0, Date.parse(event.applied[service]) - Date.parse(event.body.occurredAt));
