// Wires the page together and keeps it live: polls the frontend's pipeline endpoints quickly while an event is on
// its way, slowly otherwise, and not at all while the tab is hidden.
import * as api from './api.js';
import { h } from './dom.js';
import { USERS, currentUser, rememberUser } from './users.js';
import { Catalogue } from './catalogue.js';
import { DetailsPane } from './details.js';
import { ResultPanels } from './results.js';
import { PipelinePanel, renderServiceStatus } from './pipeline.js';
import { applyStatus, inFlight, learnClock, onChange, tracked } from './events.js';

const FAST_MS = 400;
const SLOW_MS = 4000;

const $ = (selector) => document.querySelector(selector);

let user = currentUser();
let frontendUp = true;
let lastStatus = null;
let lastResults = null;
let timer = null;
let polling = false; // a tick is under way
let pollAgain = false; // ...and someone asked for a fresh one meanwhile
const kicked = new WeakSet(); // events whose acceptance already triggered an immediate poll

const details = new DetailsPane($('#details'), () => user.id);
const open = (movie) => details.open(movie);
const catalogue = new Catalogue($('#movie-grid'), $('#catalogue-count'), $('#catalogue-empty'), open);
const results = new ResultPanels(document, catalogue, open);
const pipeline = new PipelinePanel($('#pipeline-events'), $('#pipeline-empty'), $('#announcer'));

onChange((event) => {
  pipeline.show(event, tracked());
  if (event.state === 'accepted' && !kicked.has(event)) {
    kicked.add(event);
    poll(0);
  }
});

function banner() {
  const element = $('#banner');
  const down = (lastStatus?.services ?? []).filter((answer) => !answer.up);
  if (!frontendUp) {
    element.textContent = `The frontend at ${location.host} is not answering. Is the system still running (infra/local/up.sh)? This page keeps trying.`;
  } else if (down.length) {
    element.replaceChildren(
      ...down.flatMap((answer) => [h('strong', {}, answer.service), ` ${answer.problem}. `]),
      `New events are still stored and published; ${down.length === 1 ? 'it catches' : 'they catch'} up from ${down.length === 1 ? 'its queue' : 'their queues'} when back.`);
  }
  element.hidden = frontendUp && down.length === 0;
}

async function refreshResults() {
  try {
    const answer = await api.results(user.id);
    if (answer.userId !== user.id) return; // the user changed while we asked
    lastResults = answer;
    results.render(lastResults, true);
  } catch {
    results.render(lastResults, false);
  }
}

/** Asks now (delay 0) or later; a sooner request replaces a later one. */
function poll(delay) {
  if (polling) {
    pollAgain ||= delay === 0;
    return;
  }
  clearTimeout(timer);
  timer = setTimeout(tick, delay);
}

async function tick() {
  if (document.hidden) return; // visibilitychange starts us again
  polling = true;
  let ticked = false;
  try {
    const { status, sent, received } = await api.appliedEvents(100);
    learnClock(status.checkedAt, sent, received);
    ticked = applyStatus(status);
    const changedHealth = JSON.stringify(lastStatus?.services.map((s) => s.up)) !== JSON.stringify(status.services.map((s) => s.up));
    lastStatus = status;
    frontendUp = true;
    if (ticked || changedHealth || !inFlight()) await refreshResults();
  } catch {
    frontendUp = false;
    results.render(lastResults, false);
  }
  renderServiceStatus($('#service-status'), lastStatus, frontendUp);
  banner();
  polling = false;
  poll(pollAgain ? 0 : inFlight() ? FAST_MS : SLOW_MS);
  pollAgain = false;
}

function setUpUserPicker() {
  const picker = $('#user-picker');
  picker.replaceChildren(...USERS.map((candidate) => h('option', { value: candidate.id }, candidate.name)));
  picker.value = user.id;
  const avatar = $('#avatar');
  const showAvatar = () => {
    avatar.textContent = user.name[0];
    avatar.style.setProperty('--hue', user.hue);
  };
  showAvatar();
  picker.addEventListener('change', () => {
    user = USERS.find((candidate) => candidate.id === picker.value);
    rememberUser(user.id);
    showAvatar();
    lastResults = null;
    results.render(undefined, true);
    refreshResults();
  });
}

function setUpSearch() {
  const search = $('#search');
  search.addEventListener('input', () => catalogue.filter(search.value));
  search.addEventListener('keydown', (key) => {
    if (key.key === 'Escape') { search.value = ''; catalogue.filter(''); }
    if (key.key === 'Enter') {
      key.preventDefault(); // or the same key press would also open the movie it moves to
      $('#movie-grid .card:not([hidden]) button')?.focus();
    }
  });
  document.addEventListener('keydown', (key) => {
    const typing = key.target.closest?.('input, select, textarea');
    if (key.key === '/' && !typing && !details.isOpen) {
      key.preventDefault();
      search.focus();
    }
  });
}

async function loadCatalogue() {
  try {
    catalogue.show(await api.movies());
    document.body.dataset.ready = 'true';
  } catch {
    frontendUp = false;
    banner();
    setTimeout(loadCatalogue, SLOW_MS);
  }
}

setUpUserPicker();
setUpSearch();
document.addEventListener('visibilitychange', () => { if (!document.hidden) poll(0); });
results.render(undefined, true);
renderServiceStatus($('#service-status'), null, true);
await loadCatalogue();
poll(0);
