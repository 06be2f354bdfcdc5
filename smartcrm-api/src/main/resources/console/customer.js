// The customer 360: scores with their reasons and model age, segment, profile, windows and the event timeline.
import {api} from './api.js';
import {h, dl, num, money, pct, when, ago, band} from './dom.js';

const EVENTS = 50;

export function render(view, {id}, ctx) {
  const heading = h('h1', {}, 'Customer ', id);
  const body = h('div', {});
  view.append(h('p', {class: 'crumbs'}, h('a', {href: '#/search'}, '← Back to the search')), heading, body);
  ctx.load('Customer', async () => {
    const [c, models] = await Promise.all([
      api(`/api/customers/${encodeURIComponent(id)}?events=${EVENTS}`),
      api('/api/models').catch(() => ({models: []})),
    ]);
    if (!ctx.current()) return;
    const p = c.profile;
    heading.replaceChildren(p.name || p.customerId, ' ', h('span', {class: 'muted'}, `(${p.customerId})`));
    const newest = Object.fromEntries((models.models || []).map(m => [m.model, m]));
    body.replaceChildren(
      h('section', {class: 'cards', 'aria-label': 'Scores'},
        scoreCard('Churn risk', 'churn', p.churn, newest.churn),
        scoreCard('Purchase propensity', 'propensity', p.propensity, newest.propensity),
        segmentCard(p.segment, newest.segments)),
      h('div', {class: 'columns'},
        h('section', {'aria-labelledby': 'h-profile'}, h('h2', {id: 'h-profile'}, 'Profile'), dl([
          ['Email', p.email], ['Phone', p.phone], ['Country', p.country], ['City', p.city],
          ['Birth date', p.birthDate], ['Gender', p.gender],
          ['Consent', p.consent ? Object.entries(p.consent).map(([k, v]) => `${k}: ${v ? 'yes' : 'no'}`).join(', ') : null],
          ['First seen', when(p.firstSeen)], ['Last seen', `${when(p.lastSeen)} (${ago(p.lastSeen)})`],
          ['Tenure', p.tenureDays === undefined ? null : `${num(p.tenureDays)} days`],
          ['Events', num(p.eventCount)], ['Figures as of', when(p.asOf)], ['Updated', when(p.updatedAt)],
        ]), attributes(p)),
        h('section', {'aria-labelledby': 'h-orders'}, h('h2', {id: 'h-orders'}, 'Orders and RFM'), dl([
          ['Orders', num(p.orders?.count)], ['Net revenue', money(p.orders?.revenue)],
          ['Gross revenue', money(p.orders?.grossRevenue)], ['Refunds', `${num(p.orders?.refunds)} (${money(p.orders?.refundAmount)})`],
          ['Average order', money(p.orders?.avgOrderValue)],
          ['First purchase', when(p.orders?.firstPurchaseAt)], ['Last purchase', when(p.orders?.lastPurchaseAt)],
          ['Days since last purchase', num(p.orders?.daysSinceLastPurchase)],
          ['Top categories', (p.orders?.topCategories || []).join(', ')],
          ['RFM', p.rfm ? `${p.rfm.code} (recency ${p.rfm.recency}, frequency ${p.rfm.frequency}, monetary ${p.rfm.monetary})` : null],
        ])),
        h('section', {'aria-labelledby': 'h-engagement'}, h('h2', {id: 'h-engagement'}, 'Engagement and support'), dl([
          ['Sessions', num(p.engagement?.sessions)], ['Page views', num(p.engagement?.pageViews)],
          ['Product views', num(p.engagement?.productViews)], ['Cart adds', num(p.engagement?.cartAdds)],
          ['Cart abandonment', pct(p.engagement?.cartAbandonmentRate, 0)],
          ['Emails sent / opened / clicked', `${num(p.engagement?.emailsSent)} / ${num(p.engagement?.emailOpens)} / ${num(p.engagement?.emailClicks)}`],
          ['Support tickets (open)', `${num(p.support?.tickets)} (${num(p.support?.openTickets)})`],
          ['Subscription', p.subscription?.cancelled ? `cancelled ${when(p.subscription.cancelledAt)}` : 'active'],
        ]))),
      windows(p.windows),
      timeline(c.events || [], c.eventsTotal));
  });
}

function scoreCard(title, key, s, model) {
  const card = h('section', {class: 'card score', id: 'score-' + key, 'aria-labelledby': 'h-score-' + key},
    h('h2', {id: 'h-score-' + key}, title));
  if (!s || s.status !== 'scored' || s.probability === null || s.probability === undefined) {
    card.append(h('p', {class: 'big'}, 'warming up'),
      h('p', {}, 'The model has not learned from enough examples yet.'), modelLine(s, model));
    return card;
  }
  card.append(
    h('p', {class: 'big'}, h('span', {class: 'probability'}, pct(s.probability, 0)), ' ', band(s.band)),
    h('h3', {}, 'Why'),
    h('ul', {class: 'reasons'}, (s.reasons || []).map(r => h('li', {class: 'reason ' + r.effect},
      h('span', {class: 'effect'}, r.effect === 'raises' ? '▲ raises' : '▼ lowers'), ' ',
      h('span', {class: 'reason-text'}, r.text || r.feature),
      h('span', {class: 'muted'}, ` (${r.feature}, ${r.contribution >= 0 ? '+' : ''}${Number(r.contribution).toFixed(2)})`)))),
    modelLine(s, model));
  return card;
}

function modelLine(s, model) {
  const parts = [];
  if (s && s.modelVersion !== undefined && s.modelVersion !== null) {
    parts.push(`Model version ${s.modelVersion}`);
    if (s.scoredAt) parts.push(`scored ${when(s.scoredAt)} (${ago(s.scoredAt)})`);
  }
  if (model && model.version !== undefined && model.status !== 'none') {
    const same = s && s.modelVersion === model.version;
    parts.push(`${same ? 'the newest' : 'newest is version ' + model.version}, published ${ago(model.createdAt)}`
      + (model.quality && model.quality.auc ? `, AUC ${Number(model.quality.auc).toFixed(3)}` : ''));
  }
  return h('p', {class: 'model-line'}, parts.join(' · ') || 'No model version yet.');
}

function segmentCard(seg, model) {
  const card = h('section', {class: 'card', id: 'segment-card', 'aria-labelledby': 'h-segment'}, h('h2', {id: 'h-segment'}, 'Segment'));
  if (!seg) {
    card.append(h('p', {class: 'big'}, 'not segmented yet'));
    return card;
  }
  card.append(h('p', {class: 'big'}, h('a', {href: '#/search?segment=' + encodeURIComponent(seg.name)}, seg.name)),
    dl([['Segment id', String(seg.id)], ['Distance to centre', Number(seg.distance).toFixed(2)],
      ['Model version', String(seg.modelVersion)],
      ['Newest segmentation', model && model.status !== 'none' ? `version ${model.version}, published ${ago(model.createdAt)}` : undefined]]));
  return card;
}

function attributes(p) {
  const a = p.attributes || {};
  const names = Object.keys(a).sort();
  if (!names.length) return null;
  return h('div', {}, h('h3', {}, 'Attributes'),
    dl(names.map(n => [n + (p.attributeKinds && p.attributeKinds[n] ? ` (${p.attributeKinds[n]})` : ''), a[n]])));
}

function windows(w) {
  if (!w) return null;
  const rows = [['Orders', 'orders', num], ['Revenue', 'revenue', money], ['Sessions', 'sessions', num],
    ['Page views', 'pageViews', num], ['Cart adds', 'cartAdds', num], ['Email opens', 'emailOpens', num],
    ['Email clicks', 'emailClicks', num], ['Tickets', 'tickets', num], ['Active days', 'activeDays', num]];
  return h('section', {'aria-labelledby': 'h-windows'}, h('h2', {id: 'h-windows'}, 'Recent activity'),
    h('div', {class: 'table-wrap'}, h('table', {class: 'data compact'},
      h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Figure'), ['7 days', '30 days', '90 days'].map(d => h('th', {scope: 'col', class: 'num'}, d)))),
      h('tbody', {}, rows.map(([label, k, f]) => h('tr', {}, h('th', {scope: 'row'}, label),
        ['d7', 'd30', 'd90'].map(d => h('td', {class: 'num'}, f(w[d] && w[d][k])))))))));
}

function describe(e) {
  const bits = [];
  if (e.amount !== undefined && e.amount !== null) bits.push(money(e.amount) + (e.currency ? ' ' + e.currency : ''));
  if (e.orderId) bits.push('order ' + e.orderId);
  if (e.productId) bits.push('product ' + e.productId);
  if (e.category) bits.push(e.category);
  if (e.url) bits.push(e.url);
  if (e.campaignId) bits.push('campaign ' + e.campaignId);
  if (e.ticketId) bits.push('ticket ' + e.ticketId + (e.subject ? ': ' + e.subject : ''));
  if (e.source) bits.push('via ' + e.source);
  return bits.join(' · ');
}

function timeline(events, total) {
  return h('section', {'aria-labelledby': 'h-timeline'},
    h('h2', {id: 'h-timeline'}, 'Event timeline'),
    h('p', {class: 'muted'}, `The latest ${num(events.length)} of ${num(total)} events, newest first.`),
    events.length ? h('ol', {class: 'timeline', id: 'timeline'}, events.map(e => h('li', {},
      h('time', {datetime: new Date(e.timestamp).toISOString()}, when(e.timestamp)), ' ',
      h('strong', {class: 'event-type'}, String(e.type).replaceAll('_', ' ')), ' ',
      h('span', {}, describe(e))))) : h('p', {}, 'No events are indexed for this customer.'));
}
