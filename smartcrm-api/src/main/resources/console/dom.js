// Small DOM helpers: elements built with properties and children, never from HTML strings.
const SVG_NS = 'http://www.w3.org/2000/svg';

function build(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') el.textContent = v;
    else if (k === 'class') el.setAttribute('class', v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value' && 'value' in el) el.value = v;
    else if (k === 'checked' || k === 'selected' || k === 'disabled') { el[k] = !!v; if (v) el.setAttribute(k, ''); }
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** An HTML element: h('a', {href: '#/x', class: 'y'}, 'text', otherNode). */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element. */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

const NUM = new Intl.NumberFormat('en-GB');
const MONEY = new Intl.NumberFormat('en-GB', {minimumFractionDigits: 2, maximumFractionDigits: 2});

export function num(v) {
  return v === null || v === undefined || Number.isNaN(v) ? '–' : NUM.format(v);
}

export function money(v) {
  return v === null || v === undefined ? '–' : MONEY.format(v);
}

/** A probability or share 0-1 as a percentage. */
export function pct(v, digits = 1) {
  return v === null || v === undefined ? '–' : (v * 100).toFixed(digits) + ' %';
}

/** An ISO instant (or epoch millis) as "2026-10-30 14:05 UTC". */
export function when(v) {
  if (v === null || v === undefined || v === '') return '–';
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return String(v);
  return d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** How long ago an instant was, from now: "3 days ago", "in 2 hours". */
export function ago(v, now = Date.now()) {
  if (v === null || v === undefined || v === '') return '';
  const t = new Date(v).getTime();
  if (Number.isNaN(t)) return '';
  const sec = Math.round((now - t) / 1000);
  const abs = Math.abs(sec);
  const units = [['year', 31536000], ['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];
  for (const [name, size] of units) {
    if (abs >= size || size === 1) {
      const n = Math.floor(abs / size);
      const text = `${n} ${name}${n === 1 ? '' : 's'}`;
      return sec >= 0 ? `${text} ago` : `in ${text}`;
    }
  }
  return '';
}

/** A definition list of [label, value] pairs; values may be nodes. Pairs with an undefined value are left out. */
export function dl(pairs, cls = 'facts') {
  const list = h('dl', {class: cls});
  for (const [k, v] of pairs) {
    if (v === undefined) continue;
    list.append(h('dt', {}, k), h('dd', {}, v === null || v === '' ? '–' : v));
  }
  return list;
}

/** A visible label and a control, linked by id. */
export function field(label, control, hint) {
  const id = control.id || (control.id = 'f-' + (control.name || Math.random().toString(36).slice(2)).replace(/[^A-Za-z0-9_-]/g, '_'));
  const parts = [h('label', {for: id}, label), control];
  if (hint) {
    const hintId = id + '-hint';
    control.setAttribute('aria-describedby', hintId);
    parts.push(h('span', {class: 'hint', id: hintId}, hint));
  }
  return h('div', {class: 'field'}, parts);
}

export function select(name, options, value, attrs = {}) {
  return h('select', {name, ...attrs},
    options.map(o => {
      const [v, label] = Array.isArray(o) ? o : [o, o];
      return h('option', {value: v, selected: v === value}, label);
    }));
}

/** A band (low/medium/high) as a text badge; colour only repeats the word. */
export function band(b) {
  return b ? h('span', {class: 'badge band-' + b}, b) : '–';
}
