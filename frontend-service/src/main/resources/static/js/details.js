// The details pane. Each opening sends exactly one event: a second click while it is open sends nothing, closing
// and opening again sends a new one.
import { h, svgElement } from './dom.js';
import { posterSvg } from './poster.js';
import { movieOpened, onChange } from './events.js';
import { eventBody, eventState } from './pipeline.js';

const BACKDROP_GRACE_MS = 500; // the second click of a double click must not close what the first one opened

export class DetailsPane {
  constructor(dialog, currentUserId) {
    this.dialog = dialog;
    this.currentUserId = currentUserId;
    this.event = null;
    this.openedAt = 0;
    dialog.querySelector('[data-close]').addEventListener('click', () => dialog.close());
    dialog.addEventListener('click', (click) => {
      if (click.target === dialog && performance.now() - this.openedAt > BACKDROP_GRACE_MS) dialog.close();
    });
    dialog.addEventListener('close', () => { this.event = null; });
    onChange((event) => { if (event === this.event) this.showEvent(); });
  }

  get isOpen() {
    return this.dialog.open;
  }

  open(movie) {
    if (this.dialog.open) return null;
    const d = this.dialog;
    d.querySelector('.details-art').replaceChildren(svgElement(posterSvg(movie)));
    d.querySelector('#details-title').textContent = movie.title;
    d.querySelector('.details-meta').replaceChildren(
      h('span', { class: 'year' }, movie.year),
      ...movie.genres.map((genre) => h('span', { class: 'chip' }, genre)));
    d.querySelector('.details-synopsis').textContent = movie.synopsis;
    d.dataset.movieId = movie.id;
    this.openedAt = performance.now();
    d.showModal();
    d.querySelector('#details-title').focus(); // not the close button: a second Enter must not close it
    this.event = movieOpened(movie, this.currentUserId());
    this.showEvent();
    return this.event;
  }

  showEvent() {
    const section = this.dialog.querySelector('.details-event');
    section.dataset.eventId = this.event.body.eventId;
    section.dataset.state = eventState(this.event);
    section.replaceChildren(h('h3', {}, 'This opening’s event'), ...eventBody(this.event));
  }
}
