// A line chart drawn as inline SVG: one line per series over time, axes, grid and a legend in HTML.
import {h, s} from './dom.js';

// Okabe-Ito colours (distinguishable with colour-blindness) and dash patterns, so lines differ without colour too
export const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#8C6D31'];
export const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4', '4 4', '12 2 2 2'];

/**
 * series: [{name, points: [[timeMillis, value]]}]; format(value) labels the y axis; integer: counts, so the y
 * axis has whole-number ticks only.
 * Returns a figure holding the SVG and its legend.
 */
export function lineChart({title, description, series, format, integer = false, width = 760, height = 300}) {
  const pad = {left: 64, right: 16, top: 12, bottom: 40};
  const all = series.flatMap(x => x.points);
  const figure = h('figure', {class: 'chart'});
  if (!all.length) {
    figure.append(h('p', {}, 'No data to chart yet.'));
    return figure;
  }
  const xs = all.map(p => p[0]);
  const ys = all.map(p => p[1]);
  let [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  if (x0 === x1) { x0 -= 3600000; x1 += 3600000; }
  const yMax = integer ? Math.max(4, Math.ceil(niceMax(Math.max(...ys, 0)) / 4) * 4) : niceMax(Math.max(...ys, 0));
  const w = width - pad.left - pad.right;
  const ht = height - pad.top - pad.bottom;
  const X = t => pad.left + (t - x0) / (x1 - x0) * w;
  const Y = v => pad.top + ht - v / yMax * ht;
  const titleId = 'chart-title-' + Math.random().toString(36).slice(2);
  const svg = s('svg', {viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': titleId + ' ' + titleId + '-d',
    class: 'line-chart', preserveAspectRatio: 'xMidYMid meet'},
    s('title', {id: titleId}, title), s('desc', {id: titleId + '-d'}, description || ''));
  const grid = s('g', {class: 'grid'});
  for (let i = 0; i <= 4; i++) {
    const v = yMax * i / 4;
    grid.append(s('line', {x1: pad.left, x2: width - pad.right, y1: Y(v), y2: Y(v), stroke: '#d0d4da', 'stroke-width': 1}),
      s('text', {x: pad.left - 8, y: Y(v) + 4, 'text-anchor': 'end', class: 'tick'}, format(v)));
  }
  const ticks = Math.min(6, new Set(xs).size);
  for (let i = 0; i < ticks; i++) {
    const t = ticks === 1 ? (x0 + x1) / 2 : x0 + (x1 - x0) * i / (ticks - 1);
    grid.append(s('line', {x1: X(t), x2: X(t), y1: pad.top + ht, y2: pad.top + ht + 5, stroke: '#5b6270'}),
      s('text', {x: X(t), y: height - pad.bottom + 20, 'text-anchor': i === 0 ? 'start' : i === ticks - 1 ? 'end' : 'middle',
        class: 'tick'}, timeLabel(t, x1 - x0)));
  }
  grid.append(s('line', {x1: pad.left, x2: width - pad.right, y1: pad.top + ht, y2: pad.top + ht, stroke: '#5b6270'}));
  svg.append(grid);
  const legend = h('ul', {class: 'legend'});
  series.forEach((x, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const dash = DASHES[i % DASHES.length];
    const pts = [...x.points].sort((a, b) => a[0] - b[0]);
    const line = s('polyline', {points: pts.map(p => `${X(p[0]).toFixed(1)},${Y(p[1]).toFixed(1)}`).join(' '),
      fill: 'none', stroke: colour, 'stroke-width': 2.5, 'stroke-dasharray': dash || null, 'stroke-linejoin': 'round',
      'data-series': x.name, class: 'series'});
    line.append(s('title', {}, x.name));
    svg.append(line);
    if (pts.length === 1) svg.append(s('circle', {cx: X(pts[0][0]), cy: Y(pts[0][1]), r: 3, fill: colour}));
    legend.append(h('li', {}, s('svg', {width: 28, height: 10, 'aria-hidden': 'true', class: 'swatch'},
      s('line', {x1: 0, x2: 28, y1: 5, y2: 5, stroke: colour, 'stroke-width': 3, 'stroke-dasharray': dash || null})), ' ', x.name));
  });
  figure.append(svg, legend);
  return figure;
}

function niceMax(v) {
  if (v <= 0) return 1;
  const mag = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (v <= m * mag) return m * mag;
  return 10 * mag;
}

function timeLabel(t, span) {
  const iso = new Date(t).toISOString();
  return span > 3 * 86400000 ? iso.slice(0, 10) : iso.slice(5, 16).replace('T', ' ');
}
