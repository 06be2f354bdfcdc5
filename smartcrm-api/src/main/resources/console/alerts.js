// Alerts: the list (open/resolved, newest update first, cursor pages) and one alert in detail.
import {api, query} from './api.js';
import {h, field, select, dl, num, pct, when, ago} from './dom.js';
import {CursorPager, pagerNav} from './pager.js';

const KINDS = [['', 'any'], ['distribution_shift', 'segment mix shift'], ['segment_share', 'segment share'],
  ['segment_churn', 'segment churn'], ['rule', 'rule']];

export function render(view, args, ctx) {
  if (args.id) return detail(view, args.id, ctx);
  let filters = args.params;
  const pager = new CursorPager();
  const list = h('section', {id: 'alerts-list', 'aria-labelledby': 'h-alerts'});
  const form = h('form', {class: 'filters inline', id: 'alerts-form', 'aria-label': 'Alert filters'},
    field('State', select('state', [['', 'any'], ['open', 'open'], ['resolved', 'resolved']], filters.get('state') || '', {id: 'f-state'})),
    field('Severity', select('severity', [['', 'any'], ['major', 'major'], ['minor', 'minor']], filters.get('severity') || '', {id: 'f-severity'})),
    field('Kind', select('kind', KINDS, filters.get('kind') || '', {id: 'f-kind'})),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Show alerts')));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    filters = new URLSearchParams([...new FormData(form)].filter(([, v]) => v));
    pager.reset();
    ctx.setHash('#/alerts' + query(filters), true);
    ctx.load('Alerts', show);
  });
  view.append(h('h1', {}, 'Alerts'), form, list);

  async function show() {
    const q = new URLSearchParams(filters);
    q.set('size', '25');
    if (pager.after) q.set('after', pager.after);
    const body = await api('/api/alerts' + query(q));
    if (!ctx.current()) return;
    list.replaceChildren(
      h('h2', {id: 'h-alerts', tabindex: '-1'}, `${num(body.total)} alert${body.total === 1 ? '' : 's'}`),
      body.alerts.length ? h('div', {class: 'table-wrap'}, h('table', {class: 'data', id: 'alerts-table'},
        h('caption', {}, 'Alerts, latest update first'),
        h('thead', {}, h('tr', {}, ['Alert', 'State', 'Severity', 'Kind', 'Segment or rule', 'Updated'].map(c => h('th', {scope: 'col'}, c)))),
        h('tbody', {}, body.alerts.map(a => h('tr', {'data-id': a.id, class: 'state-' + a.state},
          h('th', {scope: 'row'}, h('a', {href: '#/alerts/' + encodeURIComponent(a.id)}, a.explanation || a.id)),
          h('td', {}, h('span', {class: 'badge state-' + a.state}, a.state)),
          h('td', {}, h('span', {class: 'badge severity-' + a.severity}, a.severity)),
          h('td', {}, kindLabel(a.kind)),
          h('td', {}, a.ruleName || a.ruleId || a.segmentName || '–'),
          h('td', {}, when(a.updatedAt), h('br'), h('span', {class: 'muted'}, ago(a.updatedAt)))))))) 
        : h('p', {}, 'No alerts match. Alerts appear when the segment mix shifts or a rule fires.'),
      pagerNav('Alert pages', {page: pager.page, hasPrevious: pager.page > 1, hasNext: !!body.next,
        onPrevious: () => { pager.back(); ctx.load('Alerts', show); },
        onNext: () => { pager.forward(body.next); ctx.load('Alerts', show); }}));
  }
  ctx.load('Alerts', show);
}

function kindLabel(kind) {
  return (KINDS.find(k => k[0] === kind) || [kind, kind])[1];
}

function detail(view, id, ctx) {
  const heading = h('h1', {}, 'Alert ', id);
  const body = h('div', {});
  view.append(h('p', {class: 'crumbs'}, h('a', {href: '#/alerts'}, '← All alerts')), heading, body);
  ctx.load('Alert', async () => {
    const a = await api('/api/alerts/' + encodeURIComponent(id));
    if (!ctx.current()) return;
    heading.replaceChildren(`${kindLabel(a.kind)}: ${a.ruleName || a.segmentName || 'segment mix'}`);
    const value = v => v === null || v === undefined ? undefined
      : a.metric === 'count' || a.metric === 'moved_in' ? num(v) : pct(v);
    body.replaceChildren(
      h('p', {class: 'explanation', id: 'alert-explanation'}, a.explanation || ''),
      dl([['Id', a.id], ['State', h('span', {class: 'badge state-' + a.state}, a.state)],
        ['Severity', h('span', {class: 'badge severity-' + a.severity}, a.severity)],
        ['Kind', kindLabel(a.kind)], ['Segment', a.segmentName ? `${a.segmentName} (id ${a.segmentId})` : undefined],
        ['Rule', a.ruleId ? `${a.ruleName || ''} (${a.ruleId})` : undefined], ['Metric', a.metric || undefined],
        ['Opened', when(a.openedAt)], ['Last update', `${when(a.updatedAt)} (${ago(a.updatedAt)})`],
        ['Resolved', a.resolvedAt ? `${when(a.resolvedAt)}: ${a.resolution || ''}` : undefined],
        ['Window', `${when(a.windowStart)} – ${when(a.windowEnd)}`], ['Windows so far', num(a.windows)],
        ['Population stability index', a.psi === null || a.psi === undefined ? undefined : Number(a.psi).toFixed(3)],
        ['Before', value(a.before)], ['After', value(a.after)],
        ['Customers before / after', a.beforeCount === undefined || a.beforeCount === null ? undefined : `${num(a.beforeCount)} / ${num(a.afterCount)}`],
        ['Threshold', a.threshold === null || a.threshold === undefined ? undefined : String(a.threshold)],
        ['Update', num(a.version)]]),
      a.shares && a.shares.length ? h('section', {'aria-labelledby': 'h-shares'}, h('h2', {id: 'h-shares'}, 'Segment shares'),
        h('table', {class: 'data compact'}, h('thead', {}, h('tr', {}, ['Segment', 'Before', 'After', 'Customers in window']
          .map((c, i) => h('th', {scope: 'col', class: i ? 'num' : null}, c)))),
          h('tbody', {}, a.shares.map(x => h('tr', {}, h('th', {scope: 'row'}, x.segmentName),
            h('td', {class: 'num'}, pct(x.before)), h('td', {class: 'num'}, pct(x.after)), h('td', {class: 'num'}, num(x.count))))))) : null);
  });
}
