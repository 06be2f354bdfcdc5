// Data quality: the pipeline's figures (accepted, rejected, duplicates, late), rejected messages by reason over
// time, duplicates and late events over time and by source, and the models' quality.
import {api, ApiError} from './api.js';
import {h, dl, num, when, ago} from './dom.js';
import {lineChart} from './chart.js';

export function render(view, args, ctx) {
  const statusSlot = h('section', {'aria-labelledby': 'h-status'});
  const dlqSlot = h('section', {'aria-labelledby': 'h-dlq', id: 'dead-letters'});
  const droppedSlot = h('section', {'aria-labelledby': 'h-dropped', id: 'dropped'});
  const modelSlot = h('section', {'aria-labelledby': 'h-models'});
  view.append(h('h1', {}, 'Data quality'), statusSlot, dlqSlot, droppedSlot, modelSlot);
  ctx.load('Data quality', async () => {
    const [status, models, dlq, quality] = await Promise.all([
      api('/api/status'),
      api('/api/models'),
      optional(api('/api/dead-letters/summary')),
      optional(api('/api/quality/summary')),
    ]);
    if (!ctx.current()) return;
    statusSlot.replaceChildren(h('h2', {id: 'h-status'}, 'Pipeline'), dl(flatten(status)));
    dlqSlot.replaceChildren(h('h2', {id: 'h-dlq'}, 'Rejected messages'), ...deadLetters(dlq));
    droppedSlot.replaceChildren(h('h2', {id: 'h-dropped'}, 'Duplicates and late events'), ...dropped(quality));
    modelSlot.replaceChildren(h('h2', {id: 'h-models'}, 'Models'), modelsTable(models.models || []));
  });
}

/** null for an API without the endpoint (404). */
function optional(request) {
  return request.catch(e => {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  });
}

/** Nested figures as [label, text] pairs: {events: {in: 5}} → ["events in", "5"]. */
function flatten(obj, prefix = '') {
  const out = [];
  for (const [k, v] of Object.entries(obj || {})) {
    const label = (prefix ? prefix + ' ' : '') + k.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    if (v && typeof v === 'object' && !Array.isArray(v)) out.push(...flatten(v, label));
    else out.push([label, typeof v === 'number' ? num(v) : Array.isArray(v) ? v.join(', ') : String(v)]);
  }
  return out;
}

function deadLetters(dlq) {
  if (!dlq) return [h('p', {}, 'This API has no dead-letter summary.')];
  const intro = h('p', {id: 'dlq-total'}, `${num(dlq.total)} rejected messages`
    + (dlq.total ? `, the latest ${when(dlq.latest)} (${ago(dlq.latest)}).` : '.'));
  if (!dlq.total) return [intro];
  const series = dlq.reasons.map(r => ({name: r.reason,
    points: dlq.histogram.map(b => [Date.parse(b.start), (b.reasons[r.reason] || 0)])}));
  return [intro,
    h('table', {class: 'data compact', id: 'dlq-reasons'}, h('caption', {}, 'Rejected messages by reason'),
      h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Reason'), h('th', {scope: 'col', class: 'num'}, 'Messages'))),
      h('tbody', {}, dlq.reasons.map(r => h('tr', {}, h('th', {scope: 'row'}, r.reason), h('td', {class: 'num'}, num(r.count)))))),
    h('h3', {}, `Over time (per ${dlq.interval})`),
    lineChart({title: 'Rejected messages per ' + dlq.interval + ' by reason',
      description: `${dlq.reasons.length} reasons from ${when(dlq.histogram[0]?.start)}`, series, format: num,
      integer: true})];
}

const DROPPED = [['duplicates', 'Duplicates'], ['late', 'Late'], ['erasedDropped', 'Dropped after erasure']];

function dropped(quality) {
  if (!quality) return [h('p', {}, 'This API has no data-quality summary.')];
  const t = quality.totals;
  const intro = h('p', {id: 'dropped-total'}, `${num(t.duplicates)} duplicates dropped, ${num(t.late)} late events `
    + `applied, ${num(t.erasedDropped)} events dropped after an erasure, by the hour of their event time.`);
  if (!quality.histogram.length) return [intro];
  const series = DROPPED.map(([key, name]) => ({name, points: quality.histogram.map(b => [Date.parse(b.start), b[key]])}));
  return [intro,
    h('table', {class: 'data compact', id: 'dropped-sources'}, h('caption', {}, 'By source'),
      h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Source'),
        DROPPED.map(([, name]) => h('th', {scope: 'col', class: 'num'}, name)))),
      h('tbody', {}, quality.sources.map(s => h('tr', {}, h('th', {scope: 'row'}, s.source),
        DROPPED.map(([key]) => h('td', {class: 'num'}, num(s[key]))))))),
    h('h3', {}, `Over time (per ${quality.interval})`),
    lineChart({title: 'Duplicates and late events per ' + quality.interval,
      description: `from ${when(quality.histogram[0].start)}`, series, format: num, integer: true})];
}

function modelsTable(models) {
  return h('div', {class: 'table-wrap'}, h('table', {class: 'data', id: 'models-table'},
    h('thead', {}, h('tr', {}, ['Model', 'Version', 'Status', 'Examples', 'AUC', 'Log loss', 'Published']
      .map((c, i) => h('th', {scope: 'col', class: i === 3 || i === 4 || i === 5 ? 'num' : null}, c)))),
    h('tbody', {}, models.map(m => h('tr', {},
      h('th', {scope: 'row'}, m.model), h('td', {}, m.version === undefined ? '–' : String(m.version)),
      h('td', {}, String(m.status).replaceAll('_', ' ')), h('td', {class: 'num'}, num(m.examples)),
      h('td', {class: 'num'}, fixed(m.quality && m.quality.auc)), h('td', {class: 'num'}, fixed(m.quality && m.quality.logLoss)),
      h('td', {}, m.createdAt ? `${when(m.createdAt)} (${ago(m.createdAt)})` : '–'))))));
}

function fixed(v) {
  return v === null || v === undefined ? '–' : Number(v).toFixed(3);
}
