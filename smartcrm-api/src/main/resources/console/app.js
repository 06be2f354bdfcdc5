// The console shell: API key prompt, hash routing, page loading state (main[data-state], data-seq, data-load-ms).
import {api, apiKey, setApiKey, clearApiKey, ApiError, explain, timings} from './api.js';
import {h, field} from './dom.js';
import * as search from './search.js';
import * as customer from './customer.js';
import * as segments from './segments.js';
import * as alerts from './alerts.js';
import * as rules from './rules.js';
import * as quality from './quality.js';

const main = document.getElementById('main');
const loadStatus = document.getElementById('load-status');
let rendered = null;
let generation = 0;
let firstRender = true;

const ROUTES = [
  [/^#\/search(?:\?(.*))?$/, m => ['search', search, {params: new URLSearchParams(m[1] || '')}]],
  [/^#\/customer\/([^?]+)$/, m => ['customer', customer, {id: decodeURIComponent(m[1])}]],
  [/^#\/segments$/, () => ['segments', segments, {}]],
  [/^#\/alerts(?:\?(.*))?$/, m => ['alerts', alerts, {params: new URLSearchParams(m[1] || '')}]],
  [/^#\/alerts\/([^?]+)$/, m => ['alerts', alerts, {id: decodeURIComponent(m[1])}]],
  [/^#\/rules$/, () => ['rules', rules, {}]],
  [/^#\/quality$/, () => ['quality', quality, {}]],
];

/** What a page gets: its container, navigation without re-rendering, and the loading protocol. */
function context(page, view, gen) {
  const ctx = {
    page,
    view,
    /** Whether this page is still the one shown. */
    current: () => gen === generation,
    /** Changes the address to reflect the page's own state, without re-rendering it. */
    setHash(hash, push = false) {
      rendered = hash;
      if (push) history.pushState(null, '', hash); else history.replaceState(null, '', hash);
    },
    /** Runs a load: main[data-state] loading → ready (or error), timed; returns fn's result. */
    async load(what, fn) {
      if (!ctx.current()) return undefined;
      main.dataset.state = 'loading';
      main.setAttribute('aria-busy', 'true');
      timings.length = 0;
      const started = performance.now();
      try {
        const result = await fn();
        if (!ctx.current()) return undefined;
        const ms = Math.round(performance.now() - started);
        const apiMs = timings.map(t => t.ms);
        main.dataset.loadMs = String(ms);
        main.dataset.apiMs = apiMs.join(',');
        loadStatus.textContent = `${what} loaded in ${ms} ms` + (apiMs.length ? ` (API ${apiMs.join(' + ')} ms)` : '');
        main.dataset.state = 'ready';
        return result;
      } catch (e) {
        if (!ctx.current()) return undefined;
        main.dataset.state = 'error';
        loadStatus.textContent = '';
        ctx.showError(e);
        if (e instanceof ApiError && e.status === 401) showKeyPrompt(explain(e));
        return undefined;
      } finally {
        if (ctx.current()) {
          main.removeAttribute('aria-busy');
          main.dataset.seq = String(Number(main.dataset.seq || 0) + 1);
        }
      }
    },
    /** Shows an error at the top of the page (role=alert, so it is announced). */
    showError(e) {
      const box = view.querySelector(':scope > .error-box') || view.insertBefore(
        h('div', {class: 'error-box', role: 'alert'}), view.firstChild);
      box.textContent = typeof e === 'string' ? e : explain(e);
      return box;
    },
    clearError() {
      const box = view.querySelector(':scope > .error-box');
      if (box) box.remove();
    },
  };
  return ctx;
}

function route(force = false) {
  if (!apiKey()) {
    showKeyPrompt();
    return;
  }
  const hash = location.hash && location.hash !== '#main' ? location.hash : '#/search';
  if (hash === rendered && !force) return;
  rendered = hash;
  let match = null;
  for (const [re, make] of ROUTES) {
    const m = hash.match(re);
    if (m) { match = make(m); break; }
  }
  generation++;
  const view = h('div', {class: 'view'});
  main.replaceChildren(view);
  if (!match) {
    main.dataset.page = 'none';
    view.append(h('h1', {tabindex: '-1'}, 'Page not found'),
      h('p', {}, 'The console has no page at ', h('code', {}, hash), '. ', h('a', {href: '#/search'}, 'Go to the search.')));
    main.dataset.state = 'ready';
    return;
  }
  const [page, module, args] = match;
  main.dataset.page = page;
  document.querySelectorAll('#nav a').forEach(a => {
    if (a.dataset.nav === page) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  showKeyBox();
  const ctx = context(page, view, generation);
  module.render(view, args, ctx);
  // after a navigation, focus moves to the new page's heading (screen readers announce it); not on the first page
  const heading = view.querySelector('h1');
  if (heading && !firstRender) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
  firstRender = false;
}

function showKeyBox() {
  const key = apiKey();
  const box = document.getElementById('key-box');
  box.hidden = !key;
  document.getElementById('key-label').textContent = key ? 'API key ' + key.slice(0, 10) + '…' : '';
}

/** The key page: the key is checked against /api/status before it is kept. */
function showKeyPrompt(message) {
  generation++;
  rendered = null;
  clearApiKey();
  showKeyBox();
  main.dataset.page = 'key';
  const input = h('input', {type: 'password', name: 'apiKey', id: 'api-key', autocomplete: 'off', spellcheck: 'false',
    size: 40});
  const error = h('div', {class: 'error-box', role: 'alert', id: 'key-error', hidden: !message}, message || '');
  const form = h('form', {class: 'key-form', id: 'key-form'},
    field('API key', input, 'A read key shows everything; an admin key also changes rules. ./smartcrm run prints both.'),
    h('button', {type: 'submit'}, 'Use this key'));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const key = input.value.trim();
    if (!key) {
      error.hidden = false;
      error.textContent = 'Enter an API key.';
      input.focus();
      return;
    }
    setApiKey(key);
    try {
      await api('/api/status');
    } catch (e) {
      clearApiKey();
      error.hidden = false;
      error.textContent = explain(e);
      input.focus();
      return;
    }
    route(true);
  });
  main.replaceChildren(h('div', {class: 'view'},
    h('h1', {}, 'Sign in with an API key'), error,
    h('p', {}, 'The console reads the smartcrm query API with your key. It is kept in this browser tab only.'),
    form));
  main.dataset.state = 'ready';
  main.dataset.seq = String(Number(main.dataset.seq || 0) + 1);
  input.focus();
}

document.getElementById('skip-link').addEventListener('click', ev => {
  ev.preventDefault(); // '#main' would be taken for a route
  main.focus();
});
document.getElementById('sign-out').addEventListener('click', () => showKeyPrompt());
window.addEventListener('hashchange', () => route());
window.addEventListener('popstate', () => route());
route();
