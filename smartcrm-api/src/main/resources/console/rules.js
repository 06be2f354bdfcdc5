// Alert rules: the list, and a form to create, edit and delete (admin key); the server's validation is shown.
import {api, ApiError, explain} from './api.js';
import {h, field, select, when} from './dom.js';

const METRICS = ['share', 'count', 'mean_churn', 'mean_propensity', 'moved_in'];
const CONDITIONS = [['above', 'above'], ['below', 'below'], ['increase_above', 'increase above (relative)'],
  ['decrease_above', 'decrease above (relative)']];
const FIELDS = ['name', 'id', 'description', 'metric', 'segment', 'filter', 'period', 'condition', 'threshold',
  'severity', 'minCustomers', 'enabled'];

export function render(view, args, ctx) {
  const listSlot = h('section', {'aria-labelledby': 'h-rule-list'});
  const formSlot = h('section', {'aria-labelledby': 'h-rule-form', id: 'rule-editor'});
  const notice = h('p', {role: 'status', id: 'rule-notice', class: 'notice'});
  view.append(h('h1', {}, 'Alert rules'),
    h('p', {}, 'Rules are evaluated by the running job on every period; changes apply without a restart. ',
      'Creating, changing and deleting rules needs an admin key.'), notice, listSlot, formSlot);
  let segments = [];

  async function refresh() {
    const body = await api('/api/rules?size=1000');
    if (!ctx.current()) return;
    listSlot.replaceChildren(h('h2', {id: 'h-rule-list'}, `${body.total} rule${body.total === 1 ? '' : 's'}`),
      body.rules.length ? h('div', {class: 'table-wrap'}, h('table', {class: 'data', id: 'rules-table'},
        h('thead', {}, h('tr', {}, ['Rule', 'Metric', 'Segment', 'Filter', 'Period', 'Condition', 'Severity', 'Enabled', 'Updated', 'Actions']
          .map(c => h('th', {scope: 'col'}, c)))),
        h('tbody', {}, body.rules.map(r => h('tr', {'data-id': r.id},
          h('th', {scope: 'row'}, r.name, h('br'), h('code', {class: 'muted'}, r.id)),
          h('td', {}, r.metric), h('td', {}, r.segment || 'all'),
          h('td', {}, r.filter ? h('code', {}, JSON.stringify(r.filter)) : 'none'), h('td', {}, r.period),
          h('td', {}, `${r.condition} ${r.threshold}`), h('td', {}, r.severity || 'minor'),
          h('td', {}, r.enabled === false ? 'no' : 'yes'), h('td', {}, when(r.updatedAt)),
          h('td', {class: 'row-actions'},
            h('button', {type: 'button', class: 'secondary', 'data-edit': r.id, onclick: () => showForm(r)}, 'Edit ', h('span', {class: 'sr-only'}, r.name)),
            deleteButton(r)))))))
        : h('p', {}, 'No rules yet.'));
  }

  function deleteButton(r) {
    const b = h('button', {type: 'button', class: 'danger', 'data-delete': r.id}, 'Delete ', h('span', {class: 'sr-only'}, r.name));
    b.addEventListener('click', async () => {
      if (b.dataset.confirm !== 'yes') {
        b.dataset.confirm = 'yes';
        b.replaceChildren(`Really delete “${r.name}”?`);
        return;
      }
      try {
        await api('/api/rules/' + encodeURIComponent(r.id), {method: 'DELETE'});
        notice.textContent = `Rule “${r.name}” deleted.`;
        await ctx.load('Rules', refresh);
      } catch (e) {
        ctx.showError(e);
      }
    });
    return b;
  }

  function showForm(rule) {
    const editing = !!rule;
    const r = rule || {enabled: true, severity: 'minor', metric: 'share', condition: 'above', period: '1h'};
    const el = {
      name: h('input', {name: 'name', value: r.name || '', size: 40}),
      id: h('input', {name: 'id', value: r.id || '', readonly: editing || null, size: 30}),
      description: h('input', {name: 'description', value: r.description || '', size: 60}),
      metric: select('metric', METRICS, r.metric),
      segment: h('input', {name: 'segment', value: r.segment || '', list: 'segment-names'}),
      filter: h('textarea', {name: 'filter', rows: 3, cols: 50}, r.filter ? JSON.stringify(r.filter) : ''),
      period: h('input', {name: 'period', value: r.period || '', size: 8}),
      condition: select('condition', CONDITIONS, r.condition),
      threshold: h('input', {name: 'threshold', type: 'number', step: 'any', value: r.threshold ?? ''}),
      severity: select('severity', ['minor', 'major'], r.severity || 'minor'),
      minCustomers: h('input', {name: 'minCustomers', type: 'number', step: 1, min: 0, value: r.minCustomers ?? ''}),
      enabled: h('input', {name: 'enabled', type: 'checkbox', checked: r.enabled !== false}),
    };
    for (const [k, c] of Object.entries(el)) c.id = 'rule-' + k;
    const summary = h('div', {class: 'error-box', role: 'alert', id: 'rule-errors', hidden: true});
    const form = h('form', {id: 'rule-form', novalidate: true},
      summary,
      h('div', {class: 'grid'},
        field('Name', el.name), field('Id', el.id, editing ? 'an id cannot change' : 'optional: made from the name'),
        field('Description', el.description), field('Metric', el.metric),
        field('Segment', el.segment, 'segment name; empty = all matching customers'),
        field('Period', el.period, '30m, 1h, 1d, 1w or ISO-8601'), field('Condition', el.condition),
        field('Threshold', el.threshold, 'absolute, or relative change (0.2 = 20 %)'), field('Severity', el.severity),
        field('Minimum customers', el.minCustomers, 'optional')),
      field('Filter (JSON)', el.filter, 'optional, e.g. {"country": "DE", "rfm.monetary": {"gte": 4}}'),
      h('div', {class: 'field check'}, el.enabled, h('label', {for: el.enabled.id}, ' Enabled')),
      h('datalist', {id: 'segment-names'}, segments.map(n => h('option', {value: n}))),
      h('div', {class: 'actions'},
        h('button', {type: 'submit', id: 'rule-save'}, editing ? 'Save changes' : 'Create rule'),
        editing ? h('button', {type: 'button', class: 'secondary', onclick: () => showForm(null)}, 'Cancel editing') : null));
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      for (const c of Object.values(el)) { c.removeAttribute('aria-invalid'); }
      form.querySelectorAll('.field-error').forEach(x => x.remove());
      summary.hidden = true;
      let body;
      try {
        body = ruleBody(el);
      } catch (e) {
        return showProblems(summary, el, 'The rule is not valid:', [e.message]);
      }
      try {
        const saved = editing
          ? await api('/api/rules/' + encodeURIComponent(r.id), {method: 'PUT', body})
          : await api('/api/rules', {method: 'POST', body});
        notice.textContent = `Rule “${saved.name}” ${editing ? 'saved' : 'created'} (id ${saved.id}).`;
        showForm(null);
        await ctx.load('Rules', refresh);
      } catch (e) {
        if (e instanceof ApiError && e.status === 400) {
          showProblems(summary, el, 'The server did not accept the rule: ' + (e.body.error || ''),
            e.body.problems || [(e.body.parameter ? e.body.parameter + ': ' : '') + (e.body.error || '')]);
        } else {
          summary.hidden = false;
          summary.textContent = explain(e);
          summary.focus();
        }
      }
    });
    summary.setAttribute('tabindex', '-1');
    formSlot.replaceChildren(h('h2', {id: 'h-rule-form'}, editing ? `Edit rule “${r.name}”` : 'Create a rule'), form);
    if (editing) el.name.focus();
  }

  ctx.load('Rules', async () => {
    const [, segs] = await Promise.all([refresh(), api('/api/segments').catch(() => ({segments: []}))]);
    segments = segs.segments.map(x => x.name);
    if (ctx.current()) showForm(null);
  });
}

/** The JSON body from the form: empty fields left out, numbers as numbers, the filter parsed. */
function ruleBody(el) {
  const body = {};
  for (const k of ['name', 'id', 'description', 'metric', 'segment', 'period', 'condition', 'severity']) {
    const v = el[k].value.trim();
    if (v && !(k === 'id' && el.id.readOnly)) body[k] = v;
  }
  for (const k of ['threshold', 'minCustomers']) {
    const v = el[k].value.trim();
    if (v) body[k] = Number(v);
  }
  const filter = el.filter.value.trim();
  if (filter) {
    try {
      body.filter = JSON.parse(filter);
    } catch (e) {
      throw new Error('filter: not valid JSON (' + e.message + ')');
    }
  }
  body.enabled = el.enabled.checked;
  return body;
}

/** The problems as a list, and each next to its field ("field: message") with aria-invalid. */
function showProblems(summary, el, title, problems) {
  summary.hidden = false;
  summary.replaceChildren(h('p', {}, title), h('ul', {class: 'problems'}, problems.map(p => h('li', {}, p))));
  for (const p of problems) {
    const name = p.split(':')[0].trim().split('.')[0];
    const control = FIELDS.includes(name) ? el[name] : null;
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      const msgId = control.id + '-error';
      if (!document.getElementById(msgId)) {
        const msg = h('span', {class: 'field-error', id: msgId}, p);
        control.closest('.field').append(msg);
        control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), msgId].filter(Boolean).join(' '));
      }
    }
  }
  summary.focus();
}
