// Search: every filter of GET /api/customers, a sortable paged table, facets and exports.
import {api, query, download, ApiError, explain} from './api.js';
import {h, field, select, num, money, pct, when, band} from './dom.js';
import {CursorPager, pagerNav} from './pager.js';

const BANDS = [['', 'any'], ['low', 'low'], ['medium', 'medium'], ['high', 'high']];
const CONSENTS = ['email', 'sms', 'push', 'phone', 'profiling'];
const FACETS = [['segment', 'Segment'], ['country', 'Country'], ['churnBand', 'Churn band'], ['propensityBand', 'Propensity band']];
const MULTI = ['country', 'city']; // comma-separated values become repeated parameters (any of)
/** Columns: [label, sort key or null, default direction, cell]. */
const COLUMNS = [
  ['Customer', 'customerId', 'asc', c => h('a', {href: '#/customer/' + encodeURIComponent(c.customerId)}, c.customerId)],
  ['Name', 'name', 'asc', c => c.name || '–'],
  ['Country', null, null, c => c.country || '–'],
  ['Segment', null, null, c => (c.segment && c.segment.name) || '–'],
  ['Churn', 'churn', 'desc', c => score(c.churn)],
  ['Propensity', 'propensity', 'desc', c => score(c.propensity)],
  ['RFM', null, null, c => (c.rfm && c.rfm.code) || '–'],
  ['Orders', 'orders', 'desc', c => num(c.orders && c.orders.count)],
  ['Revenue', 'revenue', 'desc', c => money(c.orders && c.orders.revenue)],
  ['Last purchase', 'lastPurchase', 'desc', c => when(c.orders && c.orders.lastPurchaseAt)],
];
const NUMERIC = new Set(['Orders', 'Revenue', 'Churn', 'Propensity']);

function score(s) {
  if (!s) return '–';
  if (s.status !== 'scored' || s.probability === null || s.probability === undefined) return 'warming up';
  return [pct(s.probability, 0), ' ', band(s.band)];
}

/** The sort in effect: {key, dir} from "revenue:desc", "revenue" or the default. */
function currentSort(params) {
  const raw = params.get('sort');
  if (!raw) return params.get('q') ? {key: 'relevance', dir: 'desc'} : {key: 'customerId', dir: 'asc'};
  const [key, dir] = raw.split(':');
  const column = COLUMNS.find(c => c[1] === key);
  return {key, dir: dir || (column ? column[2] : 'desc')};
}

/** Filter parameters only (no paging), as given in the address. */
function filterParams(params) {
  const out = new URLSearchParams();
  for (const [k, v] of params) if (k !== 'after') out.append(k, v);
  return out;
}

function input(name, params, attrs = {}) {
  const values = params.getAll(name);
  return h('input', {name, id: 'f-' + name.replace('.', '_'), value: MULTI.includes(name) ? values.join(', ') : (values[0] || ''), ...attrs});
}

function buildForm(params, segmentNames, onSubmit) {
  const segment = params.get('segment') || '';
  const names = [...new Set([...segmentNames, ...(segment ? [segment] : [])])].sort();
  const attrs = [...params.keys()].filter(k => k.startsWith('attr.'))
    .flatMap(k => params.getAll(k).map(v => `${k.slice(5)}=${v}`)).join('\n');
  const consentBoxes = CONSENTS.map(c => h('label', {class: 'check'},
    h('input', {type: 'checkbox', name: 'consent', value: c, checked: params.getAll('consent').includes(c)}), ' ' + c));
  const form = h('form', {class: 'filters', id: 'search-form', novalidate: true, 'aria-label': 'Customer filters'},
    h('div', {class: 'grid'},
      field('Name or email', input('q', params, {type: 'search', maxlength: 200}), 'every word must match'),
      field('Segment', select('segment', [['', 'any'], ...names.map(n => [n, n])], segment, {id: 'f-segment'})),
      field('Country', input('country', params, {placeholder: 'GB, DE'}), 'codes, comma-separated'),
      field('City', input('city', params)),
      field('Churn band', select('churnBand', BANDS, params.get('churnBand') || '', {id: 'f-churnBand'})),
      field('Churn from', input('churnMin', params, {type: 'number', min: 0, max: 1, step: 0.01}), '0–1'),
      field('Churn to', input('churnMax', params, {type: 'number', min: 0, max: 1, step: 0.01}), '0–1'),
      field('Propensity band', select('propensityBand', BANDS, params.get('propensityBand') || '', {id: 'f-propensityBand'})),
      field('Propensity from', input('propensityMin', params, {type: 'number', min: 0, max: 1, step: 0.01}), '0–1'),
      field('Propensity to', input('propensityMax', params, {type: 'number', min: 0, max: 1, step: 0.01}), '0–1'),
      field('RFM recency', input('rfmRecency', params, {size: 4}), '4 or 3-5'),
      field('RFM frequency', input('rfmFrequency', params, {size: 4}), '4 or 3-5'),
      field('RFM monetary', input('rfmMonetary', params, {size: 4}), '4 or 3-5'),
      field('RFM code', input('rfmCode', params, {size: 4, maxlength: 3}), 'e.g. 545'),
      field('Last purchase from', input('lastPurchaseAfter', params, {type: 'date'}), 'on or after'),
      field('Last purchase before', input('lastPurchaseBefore', params, {type: 'date'}), 'strictly before'),
      field('Revenue from', input('revenueMin', params, {type: 'number', step: 'any'})),
      field('Revenue to', input('revenueMax', params, {type: 'number', step: 'any'})),
      field('Page size', select('size', ['20', '50', '100'], params.get('size') || '20', {id: 'f-size'}))),
    h('fieldset', {class: 'consents'}, h('legend', {}, 'Consent given (all of)'), consentBoxes),
    field('Attributes', h('textarea', {name: 'attributes', id: 'f-attributes', rows: 2, cols: 30}, attrs),
      'one NAME=value per line, e.g. plan=premium'),
    h('input', {type: 'hidden', name: 'sort', value: params.get('sort') || ''}),
    h('div', {class: 'actions'},
      h('button', {type: 'submit', id: 'search-button'}, 'Search'),
      h('a', {href: '#/search', class: 'button secondary', id: 'clear-filters'}, 'Clear filters')));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    onSubmit(formParams(form));
  });
  return form;
}

function formParams(form) {
  const data = new FormData(form);
  const out = new URLSearchParams();
  for (const [k, v] of data) {
    const value = String(v).trim();
    if (!value) continue;
    if (k === 'attributes') {
      for (const line of value.split('\n')) {
        const eq = line.indexOf('=');
        if (eq > 0) out.append('attr.' + line.slice(0, eq).trim(), line.slice(eq + 1).trim());
      }
    } else if (MULTI.includes(k)) {
      value.split(',').map(x => x.trim()).filter(Boolean).forEach(x => out.append(k, x));
    } else if (!(k === 'size' && value === '20')) {
      out.append(k, value);
    }
  }
  return out;
}

export function render(view, {params}, ctx) {
  let filters = filterParams(params);
  const pager = new CursorPager();
  const results = h('section', {id: 'results', 'aria-labelledby': 'results-heading'});
  const formSlot = h('div', {});
  view.append(h('h1', {}, 'Customers'), formSlot, results);

  const go = (next, push) => {
    filters = next;
    pager.reset();
    ctx.setHash('#/search' + query(filters), push);
    return ctx.load('Search', show);
  };

  async function show() {
    const q = new URLSearchParams(filters);
    q.set('facets', FACETS.map(f => f[0]).join(','));
    if (pager.after) q.set('after', pager.after);
    let body;
    try {
      body = await api('/api/customers' + query(q));
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.body.parameter === 'after') {
        pager.reset(); // the result set (point in time) expired: start again
        body = await api('/api/customers' + query(new URLSearchParams([...filters, ['facets', q.get('facets')]])));
        ctx.showError('That page had expired, so the search started again from the first page.');
      } else {
        throw e;
      }
    }
    if (!ctx.current()) return;
    drawResults(body);
  }

  function drawResults(body) {
    if (pager.page === 1) ctx.clearError();
    const size = Number(filters.get('size') || 20);
    const first = (pager.page - 1) * size + 1;
    const last = first + body.hits.length - 1;
    const sort = currentSort(filters);
    const table = h('table', {class: 'data', id: 'customers-table'},
      h('caption', {}, `Customers, sorted by ${sort.key} ${sort.dir === 'asc' ? 'ascending' : 'descending'}`),
      h('thead', {}, h('tr', {}, COLUMNS.map(([label, key, defDir]) => {
        const active = key && sort.key === key;
        const th = h('th', {scope: 'col', class: NUMERIC.has(label) ? 'num' : null,
          'aria-sort': active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : (key ? 'none' : null)});
        if (!key) {
          th.append(label);
        } else {
          const nextDir = active ? (sort.dir === 'asc' ? 'desc' : 'asc') : defDir;
          th.append(h('button', {type: 'button', class: 'sort', 'data-sort': key,
            'aria-label': `${label}: sort ${nextDir === 'asc' ? 'ascending' : 'descending'}`,
            onclick: () => {
              const next = new URLSearchParams(filters);
              next.set('sort', `${key}:${nextDir}`);
              const hidden = formSlot.querySelector('input[name="sort"]');
              if (hidden) hidden.value = next.get('sort');
              go(next, false).then(() => results.querySelector(`button[data-sort="${key}"]`)?.focus());
            }}, label, h('span', {'aria-hidden': 'true', class: 'arrow'}, active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ' ↕')));
        }
        return th;
      }))),
      h('tbody', {}, body.hits.map(c => h('tr', {'data-id': c.customerId},
        COLUMNS.map(([label, , , cell], i) => h(i === 0 ? 'th' : 'td',
          {scope: i === 0 ? 'row' : null, class: NUMERIC.has(label) ? 'num' : null}, cell(c)))))));
    const exportStatus = h('span', {role: 'status', class: 'hint', id: 'export-status'});
    const exportButton = (format, label) => h('button', {type: 'button', class: 'secondary', 'data-export': format,
      onclick: async () => {
        exportStatus.textContent = 'Exporting…';
        try {
          const bytes = await download('/api/customers/export' + query([...filters].filter(([k]) => k !== 'size')
            .concat([['format', format]])), `customers.${format}`);
          exportStatus.textContent = `Exported ${num(bytes)} bytes as customers.${format}.`;
        } catch (e) {
          exportStatus.textContent = explain(e);
        }
      }}, label);
    results.replaceChildren(
      h('h2', {id: 'results-heading', tabindex: '-1'}, 'Results'),
      h('p', {class: 'summary', id: 'result-summary'},
        h('strong', {id: 'result-total'}, num(body.total)), body.total === 1 ? ' customer' : ' customers',
        body.hits.length ? ` · showing ${num(first)}–${num(last)}` : ''),
      h('div', {class: 'toolbar'}, h('span', {}, 'Export all matches: '), exportButton('csv', 'CSV'),
        exportButton('jsonl', 'JSON lines'), exportStatus),
      facets(body.facets || {}),
      body.hits.length ? h('div', {class: 'table-wrap'}, table) : h('p', {}, 'No customer matches these filters.'),
      pagerNav('Result pages', {
        page: pager.page, hasPrevious: pager.page > 1, hasNext: !!body.next,
        onPrevious: () => { pager.back(); ctx.load('Search page', show).then(() => focusPager('previous')); },
        onNext: () => { pager.forward(body.next); ctx.load('Search page', show).then(() => focusPager('next')); },
      }));
  }

  function focusPager(action) {
    const b = results.querySelector(`.pager button[data-action="${action}"]`);
    (b && !b.disabled ? b : results.querySelector('#results-heading'))?.focus();
  }

  function facets(f) {
    const lists = FACETS.filter(([k]) => f[k] && f[k].length).map(([k, label]) =>
      h('div', {class: 'facet'}, h('h3', {}, label), h('ul', {},
        f[k].slice(0, 12).map(b => h('li', {}, h('button', {type: 'button', class: 'link', 'data-facet': k,
          onclick: () => {
            const next = new URLSearchParams(filters);
            next.set(k, b.value);
            go(next, true);
            render2form();
          }}, b.value), ' ', h('span', {class: 'count'}, num(b.count)))))));
    return lists.length ? h('section', {class: 'facets', 'aria-label': 'Counts among the matches'}, lists) : null;
  }

  let segmentNames = [];
  function render2form() {
    formSlot.replaceChildren(buildForm(filters, segmentNames, next => go(next, true)));
  }

  ctx.load('Search', async () => {
    const [segments] = await Promise.all([
      api('/api/segments').catch(() => ({segments: []})),
      show(),
    ]);
    segmentNames = segments.segments.map(s => s.name);
    render2form();
  });
  render2form();
}
