// The live pipeline panel: one card per event this page sent, a tick per consumer as it applies the event.
import { h, svgElement, clock } from './dom.js';
import { posterSvg } from './poster.js';
import { CONSUMERS, elapsed, isComplete, send } from './events.js';
import { userById } from './users.js';

export const shortName = (service) => service.replace(/-service$/, '');

const lastSegment = (arnOrUrl) => String(arnOrUrl ?? '').split(/[:/]/).filter(Boolean).pop() ?? '';

function step(name, state, label, detail, title) {
  return h('li', { class: 'step', dataset: { step: name, state } },
    h('span', { class: 'icon', 'aria-hidden': 'true' }),
    h('span', { class: 'label' }, label),
    detail ? h('code', { title: title ?? detail }, detail) : null);
}

function tick(event, service) {
  const applied = Boolean(event.applied[service]);
  const down = !applied && event.down[service];
  const state = applied ? 'applied' : down ? 'down' : event.state === 'accepted' ? 'pending' : 'waiting';
  const ms = applied ? `${elapsed(event, service)} ms` : down ? 'down' : state === 'pending' ? '…' : '';
  const says = applied ? `applied after ${ms}` : down ? 'is down; it will catch up from its queue' : 'not yet';
  return h('li', { class: 'tick', dataset: { service, state }, title: `${service} ${says}` },
    h('span', { class: 'icon', 'aria-hidden': 'true' }),
    h('span', { class: 'name' }, shortName(service)),
    h('span', { class: 'ms' }, ms));
}

/** The inside of one event's card; also used by the details pane for the event its opening sent. */
export function eventBody(event) {
  const user = userById(event.body.userId);
  const complete = event.state === 'accepted' && isComplete(event);
  const slowest = complete ? Math.max(...CONSUMERS.map((service) => elapsed(event, service))) : null;
  const stored = event.state === 'accepted';
  const steps = h('ol', { class: 'steps' },
    step('s3', stored ? 'done' : event.state === 'failed' ? 'failed' : 'pending',
      stored ? 'Stored in S3' : event.state === 'failed' ? 'Not stored' : 'Storing in S3…',
      stored ? event.s3Key.replace(/^events\/movie-details-viewed\//, '') : null, event.s3Key),
    step('publish', stored ? 'done' : event.state === 'failed' ? 'failed' : 'pending',
      stored ? `Published to ${lastSegment(event.publishedTo)}` : 'Publishing…',
      stored ? `msg ${String(event.messageId).slice(0, 8)}` : null, stored ? `message id ${event.messageId}` : null));
  return [
    h('div', { class: 'event-head' },
      h('span', { class: 'thumb' }, svgElement(posterSvg(event.movie, { withTitle: false }))),
      h('div', { class: 'event-title' },
        h('strong', {}, event.movie.title),
        h('span', { class: 'muted' }, `${user?.name ?? event.body.userId} · ${clock(event.body.occurredAt)}`)),
      stored ? h('span', { class: 'accepted-in', title: 'stored and published in' }, `${event.acceptedMs} ms`) : null,
      complete ? h('span', { class: 'badge done', title: 'all four services applied it' }, `all 4 · ${slowest} ms`) : null),
    steps,
    h('ul', { class: 'ticks', 'aria-label': 'consumer services' }, CONSUMERS.map((service) => tick(event, service))),
    event.state === 'failed'
      ? h('div', { class: 'problem', role: 'alert' },
        h('p', {}, `Could not send this event: ${event.problem}`),
        h('button', { type: 'button', class: 'retry', onclick: () => send(event) }, 'Try again (same event id)'))
      : null,
  ].filter(Boolean);
}

export function eventState(event) {
  if (event.state !== 'accepted') return event.state;
  return isComplete(event) ? 'complete' : 'accepted';
}

export class PipelinePanel {
  constructor(list, empty, announcer) {
    this.list = list;
    this.empty = empty;
    this.announcer = announcer;
    this.cards = new Map();
  }

  /** Adds or redraws the card of one event; the list stays newest first. */
  show(event, all) {
    let card = this.cards.get(event);
    const before = card?.dataset.state;
    if (!card) {
      card = h('li', { class: 'event', dataset: { eventId: event.body.eventId, movieId: event.movie.id } });
      this.cards.set(event, card);
    }
    card.dataset.state = eventState(event);
    card.replaceChildren(...eventBody(event));
    if (card.dataset.state === 'complete' && before !== 'complete') {
      this.announcer.textContent = `${event.movie.title} reached all four services.`;
    }
    for (const [tracked, element] of this.cards) {
      if (!all.includes(tracked)) {
        element.remove();
        this.cards.delete(tracked);
      }
    }
    this.list.replaceChildren(...all.map((tracked) => this.cards.get(tracked)).filter(Boolean));
    this.empty.hidden = all.length > 0;
  }
}

/** The row of service lights: the frontend itself and each consumer, with why one is down. */
export function renderServiceStatus(element, status, frontendUp) {
  const lights = [h('li', { dataset: { service: 'frontend-service', up: frontendUp }, title: frontendUp ? 'frontend-service is up' : 'frontend-service is not answering' },
    h('span', { class: 'dot', 'aria-hidden': 'true' }), 'frontend')];
  for (const service of CONSUMERS) {
    const answer = status?.services.find((candidate) => candidate.service === service);
    const up = frontendUp && answer ? answer.up : null;
    lights.push(h('li', { dataset: { service, up: up ?? 'unknown' }, title: up === false ? `${service} ${answer.problem}` : up ? `${service} is up` : `${service}: unknown` },
      h('span', { class: 'dot', 'aria-hidden': 'true' }), shortName(service),
      h('span', { class: 'sr-only' }, up === false ? ' (down)' : up ? ' (up)' : ' (unknown)')));
  }
  element.replaceChildren(...lights);
}
