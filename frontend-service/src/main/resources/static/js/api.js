// Everything the page asks of the frontend service; the browser talks to no other host.

export class FrontendDown extends Error {}

async function request(url, init) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store', ...init });
  } catch (error) {
    throw new FrontendDown(`the frontend at ${location.host} is not answering`, { cause: error });
  }
  const body = await response.json().catch(() => null);
  return { ok: response.ok, status: response.status, body };
}

async function get(url) {
  const { ok, status, body } = await request(url);
  if (!ok) throw new Error(`${url} answered HTTP ${status}`);
  return body;
}

export const movies = () => get('/api/movies');

/** The consumers' applied events, and how long the round trip took (to line clocks up). */
export async function appliedEvents(limit = 100) {
  const sent = Date.now();
  const status = await get(`/api/pipeline/applied-events?limit=${limit}`);
  return { status, sent, received: Date.now() };
}

export const results = (userId) => get(`/api/pipeline/users/${encodeURIComponent(userId)}`);

/** POSTs one event; answers {ok, status, body} (body is the receipt, or a problem+json). */
export function sendMovieDetailsViewed(event) {
  return request('/api/events/movie-details-viewed', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' },
    body: JSON.stringify(event),
  });
}
