// The JSON API with the user's key: kept in sessionStorage (gone when the tab closes), sent as X-API-Key.
const KEY = 'smartcrm.apiKey';

export function apiKey() {
  return sessionStorage.getItem(KEY);
}

export function setApiKey(key) {
  sessionStorage.setItem(KEY, key);
}

export function clearApiKey() {
  sessionStorage.removeItem(KEY);
}

/** An answer other than 2xx: the status and the API's JSON error body ({error, parameter, problems}). */
export class ApiError extends Error {
  constructor(status, body, path) {
    super((body && body.error) || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
    this.path = path;
  }
}

/** Times of the API calls of the current page, for the footer and the tests. */
export const timings = [];

/** A query string from [name, value] pairs or an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  const pairs = params instanceof URLSearchParams ? params.entries()
    : Array.isArray(params) ? params : Object.entries(params);
  for (const [k, v] of pairs) {
    if (v !== null && v !== undefined && v !== '') q.append(k, v);
  }
  const text = q.toString();
  return text ? '?' + text : '';
}

async function send(path, {method = 'GET', body} = {}) {
  const headers = {'X-API-Key': apiKey() || '', 'Accept': 'application/json'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const started = performance.now();
  let res;
  try {
    res = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', credentials: 'omit'});
  } catch (e) {
    throw new ApiError(0, {error: 'the server cannot be reached (' + e.message + ')'}, path);
  }
  timings.push({path, method, status: res.status, ms: Math.round(performance.now() - started)});
  return res;
}

/** Calls the API; the parsed JSON (null for 204), or an ApiError. */
export async function api(path, options) {
  const res = await send(path, options);
  if (!res.ok) {
    let body = null;
    try { body = await res.json(); } catch (e) { /* not JSON */ }
    throw new ApiError(res.status, body, path);
  }
  return res.status === 204 ? null : res.json();
}

/** Downloads an export with the key (a plain link could not send it) and saves it under its file name. */
export async function download(path, filename) {
  const res = await send(path);
  if (!res.ok) {
    let body = null;
    try { body = await res.json(); } catch (e) { /* not JSON */ }
    throw new ApiError(res.status, body, path);
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return blob.size;
}

/** A sentence for the user about a failed call. */
export function explain(e) {
  if (!(e instanceof ApiError)) return 'Something went wrong in the console: ' + e.message;
  const detail = e.body.error || e.message;
  switch (e.status) {
    case 0: return 'The smartcrm server cannot be reached. Is it running? (' + detail + ')';
    case 401: return 'The API key was refused (401): ' + detail + '. Enter a valid key.';
    case 403: return 'This API key is not allowed to do that (403): ' + detail + '. Use an admin key.';
    case 404: return 'Not found (404): ' + detail;
    case 503: return 'Elasticsearch is not available right now (503): ' + detail;
    default:
      return `The request failed (${e.status}): ${detail}` + (e.body.parameter ? ` [parameter: ${e.body.parameter}]` : '');
  }
}
