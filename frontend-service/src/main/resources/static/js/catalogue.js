// The movie grid and the search over titles.
import { h, svgElement } from './dom.js';
import { posterSvg } from './poster.js';

const fold = (text) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

export class Catalogue {
  constructor(grid, count, empty, openMovie) {
    this.grid = grid;
    this.count = count;
    this.empty = empty;
    this.openMovie = openMovie;
    this.movies = [];
    this.cards = new Map();
  }

  get(id) {
    return this.movies.find((movie) => movie.id === id);
  }

  show(movies) {
    this.movies = movies;
    this.grid.replaceChildren(...movies.map((movie) => {
      const card = h('li', { class: 'card', dataset: { movieId: movie.id } },
        h('button', {
          type: 'button', class: 'card-button', onclick: () => this.openMovie(movie),
          'aria-label': `${movie.title} (${movie.year}), ${movie.genres.join(', ')}: open details`,
        },
        h('span', { class: 'poster' }, svgElement(posterSvg(movie))),
        h('span', { class: 'card-caption' },
          h('span', { class: 'card-title' }, movie.title),
          h('span', { class: 'muted' }, `${movie.year} · ${movie.genres.join(' · ')}`))));
      this.cards.set(movie.id, card);
      return card;
    }));
    this.filter('');
  }

  filter(query) {
    const wanted = fold(query.trim());
    let shown = 0;
    for (const movie of this.movies) {
      const match = !wanted || fold(movie.title).includes(wanted);
      this.cards.get(movie.id).hidden = !match;
      if (match) shown++;
    }
    this.count.textContent = wanted ? `${shown} of ${this.movies.length} titles match “${query.trim()}”` : `${this.movies.length} titles`;
    this.empty.hidden = shown > 0;
    this.empty.textContent = `No title contains “${query.trim()}”.`;
  }
}
