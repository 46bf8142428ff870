// The four services' results for the current user: what each one made of the events it applied.
import { h, svgElement, ago } from './dom.js';
import { posterSvg } from './poster.js';

const PANELS = {
  history: { service: 'user-service', empty: 'Nothing yet. Open a movie and watch it land here.', down: 'Your viewing history' },
  recommendations: { service: 'recommendation-service', empty: 'Nothing to recommend yet: open a few movies.', down: 'Recommendations' },
  trending: { service: 'search-service', empty: 'Nothing trending yet.', down: 'Trending' },
  prefetch: { service: 'streaming-service', empty: 'Nothing to pre-warm: no details opened lately.', down: 'The prefetch list' },
};

export class ResultPanels {
  /** @param openMovie called with a catalogue movie when a result is chosen */
  constructor(root, catalogue, openMovie) {
    this.root = root;
    this.catalogue = catalogue;
    this.openMovie = openMovie;
  }

  element(name, part) {
    return this.root.querySelector(`#${name}-${part}`);
  }

  item(movieId, title, meta) {
    const movie = this.catalogue.get(Number(movieId)) ?? { id: Number(movieId), title: title ?? `Movie ${movieId}`, genres: [] };
    const label = title ?? movie.title;
    return h('li', { dataset: { movieId } },
      h('button', { type: 'button', class: 'result', onclick: () => this.openMovie(movie), title: `Open ${label}` },
        h('span', { class: 'thumb' }, svgElement(posterSvg(movie, { withTitle: false }))),
        h('span', { class: 'result-text' }, h('span', { class: 'result-title' }, label), h('span', { class: 'muted' }, meta))));
  }

  fill(name, answer, items) {
    const panel = PANELS[name];
    const list = this.element(name, 'list');
    const note = this.element(name, 'note');
    const section = this.element(name, 'panel');
    section.dataset.up = answer ? answer.up : 'unknown';
    if (answer === undefined) {
      note.hidden = false;
      note.className = 'note';
      note.textContent = 'Asking…';
      return;
    }
    if (!answer || !answer.up) {
      list.replaceChildren();
      note.hidden = false;
      note.className = 'note down';
      note.textContent = answer
        ? `⚠ ${panel.service} ${answer.problem}. ${panel.down} will be back when it is; events wait for it in its queue.`
        : '⚠ The frontend is not answering, so neither is this panel.';
      return;
    }
    list.replaceChildren(...items);
    note.hidden = items.length > 0;
    note.className = 'note';
    note.textContent = panel.empty;
  }

  render(results, frontendUp = true) {
    // null: the frontend itself did not answer; undefined: not asked yet
    const pick = (answer) => (frontendUp ? answer : null);
    const history = results?.history;
    const views = history?.up ? history.body.views : [];
    this.fill('history', pick(history), views.map((view) => this.item(view.movieId, view.movieTitle, ago(view.viewedAt))));

    const recommendations = results?.recommendations;
    const heading = this.element('recommendations', 'heading');
    if (recommendations?.up && recommendations.body.basis === 'co-viewed') {
      const titles = [...new Set(views.map((view) => view.movieTitle).filter(Boolean))];
      heading.textContent = titles.length
        ? `Because you viewed ${titles.slice(0, 2).join(', ')}${titles.length > 2 ? ` & ${titles.length - 2} more` : ''}`
        : 'Because of what you viewed';
    } else {
      heading.textContent = 'Popular with everyone';
    }
    this.fill('recommendations', pick(recommendations), (recommendations?.up ? recommendations.body.movies : [])
      .map((movie) => this.item(movie.movieId, movie.movieTitle,
        recommendations.body.basis === 'co-viewed' ? `${movie.score} co-view${movie.score === 1 ? '' : 's'}` : `${movie.score} view${movie.score === 1 ? '' : 's'}`)));

    const trending = results?.trending;
    const top = trending?.up ? Math.max(1e-9, ...trending.body.movies.map((movie) => movie.score)) : 1;
    this.fill('trending', pick(trending), (trending?.up ? trending.body.movies : []).map((movie, i) => {
      const item = this.item(movie.movieId, movie.movieTitle, `#${i + 1} · score ${movie.score.toFixed(2)}`);
      item.querySelector('.result-text').append(h('span', { class: 'bar', style: `--share:${(movie.score / top).toFixed(3)}`, 'aria-hidden': 'true' }));
      return item;
    }));

    const prefetch = results?.prefetch;
    this.fill('prefetch', pick(prefetch), (prefetch?.up ? prefetch.body.movies : []).slice(0, 8)
      .map((movie) => this.item(movie.movieId, movie.movieTitle,
        `${movie.recentViews} view${movie.recentViews === 1 ? '' : 's'} · ${ago(movie.lastViewedAt)}`)));
  }
}
