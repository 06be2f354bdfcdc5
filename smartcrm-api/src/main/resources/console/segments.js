// Segments: sizes over time (SVG chart of the snapshots) and the segments' profiles now.
import {api} from './api.js';
import {h, field, select, num, money, pct, when} from './dom.js';
import {lineChart} from './chart.js';

const METRICS = [['share', 'Share of active customers'], ['customers', 'Active customers'],
  ['churnMean', 'Mean churn risk'], ['propensityMean', 'Mean purchase propensity']];

export function render(view, args, ctx) {
  const chartSlot = h('div', {id: 'segments-chart'});
  const tableSlot = h('div', {});
  view.append(h('h1', {}, 'Segments'), h('section', {'aria-labelledby': 'h-history'},
    h('h2', {id: 'h-history'}, 'Sizes over time'), chartSlot), h('section', {'aria-labelledby': 'h-profiles'},
    h('h2', {id: 'h-profiles'}, 'Segment profiles now'), tableSlot));
  ctx.load('Segments', async () => {
    const [now, history] = await Promise.all([api('/api/segments'), api('/api/segments/history?size=1000')]);
    if (!ctx.current()) return;
    drawTable(tableSlot, now);
    let metric = 'share';
    const metricSelect = select('metric', METRICS, metric, {id: 'chart-metric'});
    const draw = () => chartSlot.replaceChildren(h('form', {class: 'inline', onsubmit: e => e.preventDefault()},
      field('Show', metricSelect)), chart(history.snapshots, metric), dataTable(history.snapshots));
    metricSelect.addEventListener('change', () => { metric = metricSelect.value; draw(); metricSelect.focus(); });
    draw();
  });
}

function chart(snapshots, metric) {
  const bySegment = new Map();
  for (const x of snapshots) {
    const v = x[metric];
    if (v === null || v === undefined) continue;
    if (!bySegment.has(x.segmentId)) bySegment.set(x.segmentId, {name: x.segmentName, points: []});
    const entry = bySegment.get(x.segmentId);
    entry.name = x.segmentName; // the newest name of the id
    entry.points.push([Date.parse(x.windowStart), v]);
  }
  const series = [...bySegment.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  const label = METRICS.find(m => m[0] === metric)[1];
  const first = snapshots.length ? when(snapshots[0].windowStart) : '';
  const last = snapshots.length ? when(snapshots[snapshots.length - 1].windowStart) : '';
  return lineChart({title: `${label} per segment`,
    description: `${series.length} segments, windows from ${first} to ${last}`,
    series, format: metric === 'customers' ? num : v => pct(v, 0), integer: metric === 'customers'});
}

function dataTable(snapshots) {
  if (!snapshots.length) return null;
  return h('details', {class: 'data-table'}, h('summary', {}, `The chart's data as a table (${num(snapshots.length)} snapshots)`),
    h('div', {class: 'table-wrap'}, h('table', {class: 'data compact'},
      h('thead', {}, h('tr', {}, ['Window start', 'Segment', 'Active customers', 'Share', 'Moved in', 'Moved out', 'Mean churn']
        .map((c, i) => h('th', {scope: 'col', class: i > 1 ? 'num' : null}, c)))),
      h('tbody', {}, snapshots.slice().reverse().map(x => h('tr', {},
        h('td', {}, when(x.windowStart)), h('td', {}, x.segmentName), h('td', {class: 'num'}, num(x.customers)),
        h('td', {class: 'num'}, pct(x.share)), h('td', {class: 'num'}, num(x.movedIn)), h('td', {class: 'num'}, num(x.movedOut)),
        h('td', {class: 'num'}, pct(x.churnMean))))))));
}

function drawTable(slot, now) {
  slot.replaceChildren(
    h('p', {}, `${num(now.customers)} customers, ${num(now.segmented)} of them in a segment.`),
    h('div', {class: 'table-wrap'}, h('table', {class: 'data', id: 'segments-table'},
      h('thead', {}, h('tr', {}, ['Segment', 'Id', 'Customers', 'Share', 'Mean churn', 'Mean propensity', 'Mean revenue']
        .map((c, i) => h('th', {scope: 'col', class: i > 1 ? 'num' : null}, c)))),
      h('tbody', {}, now.segments.map(x => h('tr', {},
        h('th', {scope: 'row'}, h('a', {href: '#/search?segment=' + encodeURIComponent(x.name)}, x.name)),
        h('td', {}, String(x.id)), h('td', {class: 'num'}, num(x.customers)), h('td', {class: 'num'}, pct(x.share)),
        h('td', {class: 'num'}, pct(x.churnMean)), h('td', {class: 'num'}, pct(x.propensityMean)),
        h('td', {class: 'num'}, money(x.revenueMean))))))));
}
