// sector-alerts subscriber page: one module, no dependencies, no build step.
// Every text from the server is put into the page as text (textContent, text nodes), never as
// HTML. The API key lives in sessionStorage only and goes out only in the Authorization header.

const KEY_STORAGE = 'sector-alerts.apiKey';
const PAGE_SIZE = 25;
const LEVELS = ['NONE', 'LOW', 'MEDIUM', 'HIGH'];
const LEVEL_LABELS = { NONE: 'None', LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High' };
const LEVEL_BADGES = { NONE: 'No risk', LOW: 'Low risk', MEDIUM: 'Medium risk', HIGH: 'High risk' };
const KIND_LABELS = { POLICY: 'Policy', CORPORATE: 'Corporate' };
const CRITERIA = {
  sectors: 'Sector',
  risks: 'Risk',
  minLevel: 'Level',
  kinds: 'Item kind',
  entities: 'Named',
  europeanFirmsOnly: 'European firm',
  query: 'Keywords',
};
const VALIDATE_DELAY_MS = 350;

const $ = (id) => document.getElementById(id);

/** An element with attributes and children; strings become text nodes, never markup. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  appendAll(el, children);
  return el;
}

function appendAll(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  appendAll(el, children);
  return el;
}

// ---- state

const state = {
  key: null,
  me: null,
  taxonomy: null,
  watchlists: [],
  stream: null, // AbortController of the live stream
  lastEventId: null,
  live: new Map(), // alert id -> card
  inboxNext: null,
  inboxLoading: false,
  editing: null, // the watchlist being edited, null for a new one
  deliveriesOf: null,
  validateTimer: null,
  chartTimer: null,
  weekly: null, // the chart's last data, redrawn when the width changes
  validateSeq: 0,
  touched: new Set(),
};

function label(kind, id) {
  const terms = state.taxonomy ? state.taxonomy[kind] : [];
  const term = terms.find((t) => t.id === id);
  return term ? term.label : id;
}

function sectorIndex(id) {
  const i = state.taxonomy ? state.taxonomy.sectors.findIndex((t) => t.id === id) : -1;
  return i < 0 ? 15 : i % 16;
}

// ---- HTTP

class ApiProblem extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (state.key) headers.Authorization = `Bearer ${state.key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
    credentials: 'omit',
  });
  let json = null;
  if (response.status !== 204) {
    try {
      json = await response.json();
    } catch {
      json = null;
    }
  }
  if (response.status === 401 && state.key && path !== '/v1/me') {
    signOut('Your API key is no longer accepted; sign in again.');
  }
  if (!response.ok) throw new ApiProblem(response.status, json);
  return json;
}

function problemText(error) {
  if (error instanceof ApiProblem) {
    const fields = (error.body.fields || []).map((f) => `${f.field} ${f.message}`);
    return fields.length ? `${error.message}: ${fields.join('; ')}` : error.message;
  }
  return `The service cannot be reached (${error.message}).`;
}

// ---- sign in and out

async function signIn(key, { quiet = false } = {}) {
  state.key = key;
  try {
    state.me = await api('GET', '/v1/me');
  } catch (error) {
    state.key = null;
    sessionStorage.removeItem(KEY_STORAGE);
    if (!quiet) {
      $('sign-in-error').textContent =
        error instanceof ApiProblem && error.status === 401
          ? 'That key is not valid. Check it and try again.'
          : error instanceof ApiProblem && error.status === 403
            ? 'That is an operator key; sign in with a subscriber key.'
            : problemText(error);
      $('api-key').setAttribute('aria-invalid', 'true');
      $('api-key').focus();
    }
    return;
  }
  sessionStorage.setItem(KEY_STORAGE, key);
  $('api-key').value = '';
  $('api-key').removeAttribute('aria-invalid');
  $('sign-in-error').textContent = '';
  $('who').textContent = `Signed in as ${state.me.name} (${state.me.id})`;
  for (const id of ['who', 'sign-out', 'nav', 'app']) $(id).hidden = false;
  $('sign-in').hidden = true;
  if (!state.taxonomy) {
    try {
      state.taxonomy = await api('GET', '/v1/taxonomy');
      fillTaxonomy();
    } catch (error) {
      signOut(`The service cannot be used right now: ${problemText(error)}`);
      return;
    }
  }
  // The stream connects before the inbox is read: an alert filed in between shows in both,
  // and is shown once (the inbox skips what the live list has).
  startStream();
  await loadWatchlists();
  await Promise.all([loadInbox(true), loadChart()]);
  $('main').focus();
}

function signOut(message) {
  sessionStorage.removeItem(KEY_STORAGE);
  if (state.stream) state.stream.abort();
  clearTimeout(state.chartTimer);
  clearTimeout(state.validateTimer);
  Object.assign(state, {
    key: null,
    me: null,
    watchlists: [],
    stream: null,
    lastEventId: null,
    inboxNext: null,
    editing: null,
    deliveriesOf: null,
    weekly: null,
  });
  state.live.clear();
  state.touched.clear();
  for (const id of ['live', 'inbox', 'watchlist-list', 'chart-figure', 'chart-legend', 'chart-table']) {
    $(id).replaceChildren();
  }
  $('deliveries-table').tBodies[0].replaceChildren();
  for (const id of ['inbox-error', 'chart-error', 'watchlists-error', 'who', 'wl-test-result']) {
    $(id).textContent = '';
  }
  resetFilter('filter-watchlist', 'All watchlists');
  $('filters').reset();
  for (const id of ['who', 'sign-out', 'nav', 'app', 'editor', 'deliveries', 'inbox-more']) {
    $(id).hidden = true;
  }
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = message || '';
  $('api-key').focus();
}

function resetFilter(id, allLabel) {
  $(id).replaceChildren(h('option', { value: '' }, allLabel));
}

// ---- taxonomy-driven controls

function fillTaxonomy() {
  const t = state.taxonomy;
  resetFilter('filter-sector', 'All sectors');
  resetFilter('filter-risk', 'All risks');
  resetFilter('filter-level', 'Any level');
  for (const s of t.sectors) $('filter-sector').append(h('option', { value: s.id }, s.label));
  for (const r of t.risks) $('filter-risk').append(h('option', { value: r.id }, r.label));
  for (const l of t.levels) $('filter-level').append(h('option', { value: l }, LEVEL_LABELS[l] || l));
  $('wl-level').replaceChildren(
    ...t.levels.map((l) => h('option', { value: l }, l === 'NONE' ? 'Any level' : `${LEVEL_LABELS[l] || l} or higher`)),
  );
  $('wl-sector-choices').replaceChildren(...t.sectors.map((s) => choice('sectors', s.id, s.label, s.description)));
  $('wl-risk-choices').replaceChildren(...t.risks.map((r) => choice('risks', r.id, r.label, r.description)));
  $('wl-kind-choices').replaceChildren(...t.kinds.map((k) => choice('kinds', k, KIND_LABELS[k] || k, '')));
}

function choice(group, value, text, description) {
  const id = `wl-${group}-${value}`;
  return h(
    'label',
    { for: id, title: description || null },
    h('input', { type: 'checkbox', id, name: group, value }),
    text,
  );
}

// ---- alerts

function passesFilters(alert) {
  const f = new FormData($('filters'));
  const watchlist = f.get('watchlist');
  const sector = f.get('sector');
  const risk = f.get('risk');
  const level = f.get('level');
  if (watchlist && alert.watchlistId !== watchlist) return false;
  if (sector && !alert.sectors.includes(sector)) return false;
  if (risk && !alert.risks.includes(risk)) return false;
  if (level && LEVELS.indexOf(alert.level) < LEVELS.indexOf(level)) return false;
  return true;
}

const cardAlerts = new WeakMap();

function applyFilters() {
  for (const list of [$('live'), $('inbox')]) {
    for (const card of list.children) card.hidden = !passesFilters(cardAlerts.get(card));
  }
  updateEmpty();
}

function updateEmpty() {
  const visible = (list) => [...list.children].some((c) => !c.hidden);
  $('live-empty').hidden = visible($('live'));
  $('inbox-empty').hidden = visible($('inbox')) || state.inboxLoading;
  $('inbox-empty').textContent = $('inbox').children.length
    ? 'No alerts match the filters on the alerts shown; show older ones or change the filters.'
    : 'No alerts yet.';
}

function formatDate(iso) {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

function formatTime(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function alertCard(alert, fresh) {
  const titleId = `alert-${alert.id}-${fresh ? 'live' : 'inbox'}`;
  const by = alert.issuingBody || (alert.issuingBodies || [])[0];
  const who = [];
  if (by) who.push(`Issued by ${by}`);
  if (alert.companies && alert.companies.length) who.push(`Companies: ${alert.companies.join(', ')}`);
  if (alert.europeanFirms && alert.europeanFirms.length) who.push(`European firms: ${alert.europeanFirms.join(', ')}`);
  const card = h(
    'li',
    { class: `alert level-${alert.level}${fresh ? ' fresh' : ''}`, 'aria-labelledby': titleId, 'data-alert-id': alert.id },
    h(
      'ul',
      { class: 'badges', 'aria-label': 'Level and kind' },
      h('li', { class: `badge level level-${alert.level}` }, `${LEVEL_BADGES[alert.level] || alert.level} · score ${alert.score}`),
      h('li', { class: 'badge kind' }, KIND_LABELS[alert.kind] || alert.kind),
    ),
    h('h3', { id: titleId }, alert.title),
    h(
      'p',
      { class: 'meta' },
      alert.eventDate ? h('time', { datetime: alert.eventDate }, formatDate(alert.eventDate)) : 'No event date',
      who.length ? ` · ${who.join(' · ')}` : '',
    ),
    h('ul', { class: 'badges', 'aria-label': 'Sectors' }, alert.sectors.map((s) => h('li', { class: 'badge sector' }, label('sectors', s)))),
    alert.risks.length
      ? h('ul', { class: 'badges', 'aria-label': 'Risks' }, alert.risks.map((r) => h('li', { class: 'badge risk' }, label('risks', r))))
      : null,
    h('p', { class: 'meta' }, `Watchlist “${alert.watchlistName}” · filed `, h('time', { datetime: alert.createdAt }, formatTime(alert.createdAt))),
    whyPanel(alert),
  );
  cardAlerts.set(card, alert);
  card.hidden = !passesFilters(alert);
  return card;
}

function whyPanel(alert) {
  const reasons = alert.reasons || [];
  const items = reasons.map((r) => {
    const name = CRITERIA[r.criterion] || r.criterion;
    const values = (r.matched || []).map((m) =>
      r.criterion === 'sectors' ? label('sectors', m) : r.criterion === 'risks' ? label('risks', m) : m,
    );
    return h('li', {}, h('strong', {}, `${name}: `), values.length ? values.join(', ') : 'met');
  });
  const highlights = reasons.flatMap((r) => r.highlights || []);
  const excerpts = [];
  for (const field of ['title', 'body']) {
    const spans = highlights.filter((x) => x.field === field);
    const text = alert[field] || '';
    if (field === 'body' || spans.length) {
      excerpts.push(
        h('p', { class: 'excerpt' }, h('span', { class: 'field-name' }, field === 'title' ? 'Title' : 'Text'), highlighted(text, spans)),
      );
    }
  }
  return h(
    'details',
    { class: 'why' },
    h('summary', {}, 'Why this alert'),
    items.length ? h('ul', { 'aria-label': 'Criteria met' }, items) : h('p', {}, 'The watchlist has no criteria: every item matches.'),
    highlights.length ? h('p', { class: 'hint' }, 'Words your keywords matched are marked.') : null,
    excerpts,
  );
}

/** The text with the [start, end) spans wrapped in <mark>; overlapping spans are merged. */
function highlighted(text, spans) {
  const valid = spans
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end > s.start && s.end <= text.length)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged = [];
  for (const s of valid) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ start: s.start, end: s.end });
  }
  const nodes = [];
  let at = 0;
  for (const s of merged) {
    if (s.start > at) nodes.push(document.createTextNode(text.slice(at, s.start)));
    nodes.push(h('mark', {}, text.slice(s.start, s.end)));
    at = s.end;
  }
  if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
  return nodes;
}

function addLive(alert) {
  if (state.live.has(alert.id)) return;
  const card = alertCard(alert, true);
  state.live.set(alert.id, card);
  $('live').prepend(card);
  // The same alert already in the inbox list: keep one copy, the live one.
  const old = $('inbox').querySelector(`[data-alert-id="${CSS.escape(alert.id)}"]`);
  if (old) old.remove();
  updateEmpty();
  // The chart counts it too; a burst of alerts redraws it once.
  clearTimeout(state.chartTimer);
  state.chartTimer = setTimeout(loadChart, 1500);
}

async function loadInbox(first) {
  if (state.inboxLoading) return;
  state.inboxLoading = true;
  $('inbox-more').disabled = true;
  const keyAtStart = state.key;
  try {
    if (first) {
      $('inbox').replaceChildren();
      state.inboxNext = null;
    }
    const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
    const watchlist = $('filter-watchlist').value;
    if (watchlist) params.set('watchlist', watchlist);
    if (!first && state.inboxNext) params.set('after', state.inboxNext);
    const page = await api('GET', `/v1/alerts?${params}`);
    if (state.key !== keyAtStart) return; // signed out meanwhile
    $('inbox-error').textContent = '';
    for (const alert of page.alerts) {
      if (!state.live.has(alert.id)) $('inbox').append(alertCard(alert, false));
    }
    state.inboxNext = page.next;
    $('inbox-more').hidden = !page.next;
  } catch (error) {
    if (state.key === keyAtStart) $('inbox-error').textContent = `Cannot load the inbox: ${problemText(error)}`;
  } finally {
    state.inboxLoading = false;
    $('inbox-more').disabled = false;
    updateEmpty();
  }
}

// ---- live stream: fetch + a Server-Sent Events parser, since EventSource cannot send headers

function setStreamStatus(text, live) {
  $('stream-status').textContent = text;
  $('stream-status').classList.toggle('live', live);
}

function startStream() {
  if (state.stream) state.stream.abort();
  const controller = new AbortController();
  state.stream = controller;
  setStreamStatus('connecting…', false);
  runStream(controller.signal);
}

async function runStream(signal) {
  let retryMs = 2000;
  let failures = 0;
  while (!signal.aborted) {
    try {
      const headers = { Authorization: `Bearer ${state.key}`, Accept: 'text/event-stream' };
      if (state.lastEventId) headers['Last-Event-ID'] = state.lastEventId;
      const response = await fetch('/v1/alerts/stream', { headers, signal, cache: 'no-store', credentials: 'omit' });
      if (response.status === 401) {
        signOut('Your API key is no longer accepted; sign in again.');
        return;
      }
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      setStreamStatus('live', true);
      failures = 0;
      await readEvents(response.body, signal, (event) => {
        if (event.retry !== undefined) retryMs = event.retry;
        if (event.type === 'alert' && event.data) {
          try {
            addLive(JSON.parse(event.data));
          } catch {
            // a malformed event is skipped; the next one carries on
          }
        }
      });
    } catch (error) {
      if (signal.aborted) return;
    }
    if (signal.aborted) return;
    failures++;
    setStreamStatus('reconnecting…', false);
    const wait = Math.min(retryMs * 2 ** Math.min(failures - 1, 4), 30000);
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, wait);
      signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
    });
  }
}

/** Reads an event stream (text/event-stream), calling onEvent per dispatched event. */
async function readEvents(body, signal, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  signal.addEventListener('abort', () => reader.cancel().catch(() => {}), { once: true });
  let buffer = '';
  let data = [];
  let type = '';
  let id = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      let line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line === '') {
        if (id !== null) state.lastEventId = id;
        if (data.length) onEvent({ type: type || 'message', data: data.join('\n'), id });
        data = [];
        type = '';
        id = null;
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let val = colon < 0 ? '' : line.slice(colon + 1);
      if (val.startsWith(' ')) val = val.slice(1);
      if (field === 'data') data.push(val);
      else if (field === 'event') type = val;
      else if (field === 'id' && !val.includes('\0')) id = val;
      else if (field === 'retry' && /^\d+$/.test(val)) onEvent({ retry: Number(val) });
    }
  }
}

// ---- chart: alerts per week by primary sector, an inline SVG drawn here

async function loadChart() {
  const keyAtStart = state.key;
  const params = new URLSearchParams({ weeks: '12' });
  const watchlist = $('filter-watchlist').value;
  if (watchlist) params.set('watchlist', watchlist);
  try {
    const weekly = await api('GET', `/v1/alerts/weekly?${params}`);
    if (state.key !== keyAtStart) return;
    $('chart-error').textContent = '';
    drawChart(weekly);
  } catch (error) {
    if (state.key === keyAtStart) $('chart-error').textContent = `Cannot load the chart: ${problemText(error)}`;
  }
}

function drawChart(weekly) {
  const weeks = weekly.weeks;
  const sectors = state.taxonomy.sectors.map((s) => s.id).filter((id) => weeks.some((w) => w.bySector[id]));
  for (const w of weeks) {
    for (const id of Object.keys(w.bySector)) if (!sectors.includes(id)) sectors.push(id);
  }
  const total = weeks.reduce((n, w) => n + w.total, 0);
  const max = Math.max(1, ...weeks.map((w) => w.total));
  state.weekly = weekly;
  // Drawn at the width it is shown at, so its text stays readable on a phone.
  const width = Math.round(Math.max(300, Math.min(760, $('chart-figure').clientWidth || 640)));
  const height = 220;
  const left = 34;
  const bottom = 24;
  const top = 10;
  const plotH = height - bottom - top;
  const right = 16; // room for the last week's date label
  const slot = (width - left - right) / weeks.length;
  const barW = Math.max(4, slot * 0.7);
  const shortDate = (iso) => new Date(`${iso}T00:00:00Z`).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': `Alerts per week over the last ${weeks.length} weeks: ${total} in all, at most ${max === 1 && total === 0 ? 0 : max} in one week. The table below has the figures.`,
  });
  chart.append(svg('line', { class: 'axis', x1: left, y1: top + plotH, x2: width - right, y2: top + plotH }));
  chart.append(svg('text', { x: left - 6, y: top + 8, 'text-anchor': 'end' }, String(max)));
  chart.append(svg('text', { x: left - 6, y: top + plotH, 'text-anchor': 'end' }, '0'));
  weeks.forEach((w, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    let y = top + plotH;
    for (const id of sectors) {
      const n = w.bySector[id] || 0;
      if (!n) continue;
      const barH = (n / max) * plotH;
      y -= barH;
      chart.append(
        svg('rect', { class: `bar c${sectorIndex(id)}`, x: x.toFixed(1), y: y.toFixed(1), width: barW.toFixed(1), height: barH.toFixed(1) },
          svg('title', {}, `${shortDate(w.start)}: ${n} × ${label('sectors', id)}`)),
      );
    }
    if ((weeks.length - 1 - i) % 2 === 0 || weeks.length <= 6) {
      chart.append(svg('text', { x: (x + barW / 2).toFixed(1), y: height - 6, 'text-anchor': 'middle' }, shortDate(w.start)));
    }
  });
  $('chart-figure').replaceChildren(chart);
  $('chart-legend').replaceChildren(
    ...(sectors.length
      ? sectors.map((id) => h('li', {}, h('span', { class: `swatch c${sectorIndex(id)}`, 'aria-hidden': 'true' }), label('sectors', id)))
      : [h('li', { class: 'empty' }, 'No alerts in these weeks.')]),
  );
  $('chart-table').replaceChildren(
    h('caption', { class: 'visually-hidden' }, 'Alerts per week by primary sector'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Week of'), h('th', { scope: 'col' }, 'Alerts'), h('th', { scope: 'col' }, 'By sector'))),
    h(
      'tbody',
      {},
      weeks.map((w) =>
        h('tr', {},
          h('th', { scope: 'row' }, shortDate(w.start)),
          h('td', {}, String(w.total)),
          h('td', {}, Object.entries(w.bySector).map(([id, n]) => `${label('sectors', id)} ${n}`).join(', ') || '–'))),
    ),
  );
  if (weekly.truncated) $('chart-error').textContent = 'You have more alerts than one chart counts; the oldest weeks show too few.';
}

// ---- watchlists

async function loadWatchlists() {
  const keyAtStart = state.key;
  try {
    const page = await api('GET', '/v1/watchlists');
    if (state.key !== keyAtStart) return;
    state.watchlists = page.watchlists;
    $('watchlists-error').textContent = '';
  } catch (error) {
    if (state.key === keyAtStart) $('watchlists-error').textContent = `Cannot load your watchlists: ${problemText(error)}`;
    return;
  }
  renderWatchlists();
}

function criteriaText(w) {
  const parts = [];
  if (w.sectors.length) parts.push(`Sectors: ${w.sectors.map((s) => label('sectors', s)).join(', ')}`);
  if (w.risks.length) parts.push(`Risks: ${w.risks.map((r) => label('risks', r)).join(', ')}`);
  if (w.minLevel !== 'NONE') parts.push(`Level ${LEVEL_LABELS[w.minLevel]} or higher`);
  if (w.kinds.length) parts.push(w.kinds.map((k) => KIND_LABELS[k] || k).join(' and '));
  if (w.entities.length) parts.push(`Naming: ${w.entities.join(', ')}`);
  if (w.europeanFirmsOnly) parts.push('European firms only');
  if (w.query) parts.push(`Keywords: ${w.query}`);
  if (w.webhook) parts.push(`Webhook: ${w.webhook.url}`);
  return parts.length ? parts.join(' · ') : 'Everything (no criteria)';
}

function renderWatchlists() {
  $('watchlist-list').replaceChildren(
    ...state.watchlists.map((w) =>
      h(
        'li',
        { 'data-watchlist-id': w.id },
        h('h3', {}, w.name),
        h('p', { class: 'criteria' }, criteriaText(w)),
        h(
          'div',
          { class: 'actions' },
          h('button', { type: 'button', class: 'secondary small', onclick: () => openEditor(w), 'aria-label': `Edit ${w.name}` }, 'Edit'),
          h('button', { type: 'button', class: 'secondary small', onclick: () => openDeliveries(w), 'aria-label': `Deliveries of ${w.name}` }, 'Deliveries'),
          h('button', { type: 'button', class: 'danger small', onclick: () => deleteWatchlist(w), 'aria-label': `Delete ${w.name}` }, 'Delete'),
        ),
      ),
    ),
  );
  $('watchlists-empty').hidden = state.watchlists.length > 0;
  const select = $('filter-watchlist');
  const chosen = select.value;
  resetFilter('filter-watchlist', 'All watchlists');
  for (const w of state.watchlists) select.append(h('option', { value: w.id }, w.name));
  select.value = state.watchlists.some((w) => w.id === chosen) ? chosen : '';
}

function openEditor(watchlist) {
  state.editing = watchlist;
  state.touched.clear();
  const form = $('editor');
  form.reset();
  clearErrors();
  $('wl-test-result').textContent = '';
  $('wl-query-status').textContent = '';
  $('editor-title').textContent = watchlist ? `Edit “${watchlist.name}”` : 'New watchlist';
  if (watchlist) {
    $('wl-name').value = watchlist.name;
    for (const [group, values] of [['sectors', watchlist.sectors], ['risks', watchlist.risks], ['kinds', watchlist.kinds]]) {
      for (const box of form.querySelectorAll(`input[name="${group}"]`)) box.checked = values.includes(box.value);
    }
    $('wl-level').value = watchlist.minLevel;
    $('wl-entities').value = watchlist.entities.join('\n');
    $('wl-european').checked = watchlist.europeanFirmsOnly;
    $('wl-query').value = watchlist.query || '';
    $('wl-webhook').value = watchlist.webhook ? watchlist.webhook.url : '';
  }
  showSecret(watchlist);
  $('wl-test').hidden = !(watchlist && watchlist.webhook);
  form.hidden = false;
  $('editor-title').focus();
}

function showSecret(watchlist) {
  const secret = watchlist && watchlist.webhook ? watchlist.webhook.secret : null;
  $('wl-secret').hidden = !secret;
  $('wl-secret').replaceChildren(...(secret ? ['Signing secret: ', h('code', {}, secret)] : []));
}

function closeEditor() {
  $('editor').hidden = true;
  state.editing = null;
  $('new-watchlist').focus();
}

function formBody() {
  const form = $('editor');
  const checked = (group) => [...form.querySelectorAll(`input[name="${group}"]:checked`)].map((b) => b.value);
  const body = {
    name: $('wl-name').value,
    sectors: checked('sectors'),
    risks: checked('risks'),
    minLevel: $('wl-level').value || 'NONE',
    kinds: checked('kinds'),
    entities: $('wl-entities').value.split('\n').map((e) => e.trim()).filter((e) => e),
    europeanFirmsOnly: $('wl-european').checked,
  };
  const query = $('wl-query').value.trim();
  if (query) body.query = query;
  const url = $('wl-webhook').value.trim();
  if (url) body.webhookUrl = url;
  return body;
}

const FIELD_INPUT = {
  name: 'wl-name',
  sectors: 'wl-sectors',
  risks: 'wl-risks',
  minLevel: 'wl-level',
  kinds: 'wl-kinds',
  entities: 'wl-entities',
  query: 'wl-query',
  webhookUrl: 'wl-webhook',
};

function clearErrors() {
  $('editor-summary').textContent = '';
  for (const [field, input] of Object.entries(FIELD_INPUT)) {
    $(`wl-${field}-error`).textContent = '';
    $(input).removeAttribute('aria-invalid');
  }
}

/** Shows the 400's field errors beside their fields; only the touched ones unless all. */
function showErrors(problem, all) {
  const byField = {};
  for (const f of problem.body.fields || []) {
    const base = f.field.replace(/\[\d+\]$/, '');
    (byField[base] = byField[base] || []).push(f.field === base ? f.message : `${f.field} ${f.message}`);
  }
  for (const [field, input] of Object.entries(FIELD_INPUT)) {
    const messages = all || state.touched.has(field) ? byField[field] || [] : [];
    $(`wl-${field}-error`).textContent = messages.join('; ');
    if (messages.length) $(input).setAttribute('aria-invalid', 'true');
    else $(input).removeAttribute('aria-invalid');
  }
  return Object.keys(byField);
}

function scheduleValidation(field) {
  state.touched.add(field);
  clearTimeout(state.validateTimer);
  $('wl-query-status').textContent = '';
  state.validateTimer = setTimeout(validate, VALIDATE_DELAY_MS);
}

async function validate() {
  const seq = ++state.validateSeq;
  try {
    await api('POST', '/v1/watchlists/validate', formBody());
    if (seq !== state.validateSeq) return;
    showErrors({ body: { fields: [] } }, true);
    if ($('wl-query').value.trim()) $('wl-query-status').textContent = 'Keywords OK.';
  } catch (error) {
    if (seq !== state.validateSeq || !(error instanceof ApiProblem) || error.status !== 400) return;
    const bad = showErrors(error, false);
    if (!bad.includes('query') && $('wl-query').value.trim()) $('wl-query-status').textContent = 'Keywords OK.';
  }
}

async function saveWatchlist(event) {
  event.preventDefault();
  clearTimeout(state.validateTimer);
  state.validateSeq++;
  const body = formBody();
  const editing = state.editing;
  $('wl-save').disabled = true;
  try {
    const saved = editing
      ? await api('PUT', `/v1/watchlists/${encodeURIComponent(editing.id)}`, body)
      : await api('POST', '/v1/watchlists', body);
    await loadWatchlists();
    state.editing = saved;
    clearErrors();
    $('editor-title').textContent = `Edit “${saved.name}”`;
    $('wl-test').hidden = !saved.webhook;
    showSecret(saved);
    $('wl-test-result').className = 'status-line ok';
    $('wl-test-result').textContent = editing ? 'Saved. The next item is matched by the new criteria.' : 'Created. Matching alerts will appear above.';
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 400) {
      showErrors(error, true);
      $('editor-summary').textContent = `Not saved: ${error.message}`;
      const first = (error.body.fields || [])[0];
      const input = first && FIELD_INPUT[first.field.replace(/\[\d+\]$/, '')];
      if (input) {
        const el = $(input);
        (el.tagName === 'FIELDSET' ? el.querySelector('input') : el).focus();
      }
    } else {
      $('editor-summary').textContent = `Not saved: ${problemText(error)}`;
    }
  } finally {
    $('wl-save').disabled = false;
  }
}

async function testDelivery() {
  const w = state.editing;
  if (!w) return;
  const out = $('wl-test-result');
  out.className = 'status-line';
  out.textContent = 'Sending a test delivery…';
  $('wl-test').disabled = true;
  try {
    const result = await api('POST', `/v1/watchlists/${encodeURIComponent(w.id)}/test-delivery`);
    out.className = `status-line ${result.delivered ? 'ok' : 'failed'}`;
    out.textContent = result.delivered
      ? `Test delivery accepted: HTTP ${result.status} in ${result.durationMs} ms.`
      : `Test delivery failed: ${result.status ? `HTTP ${result.status}` : result.error} (${result.durationMs} ms).`;
  } catch (error) {
    out.className = 'status-line failed';
    out.textContent = `Test delivery not sent: ${problemText(error)}`;
  } finally {
    $('wl-test').disabled = false;
  }
}

async function deleteWatchlist(w) {
  if (!window.confirm(`Delete the watchlist “${w.name}”? Its alerts stay in your inbox.`)) return;
  try {
    await api('DELETE', `/v1/watchlists/${encodeURIComponent(w.id)}`);
    if (state.editing && state.editing.id === w.id) closeEditor();
    if (state.deliveriesOf && state.deliveriesOf.id === w.id) $('deliveries').hidden = true;
    await loadWatchlists();
    $('new-watchlist').focus();
  } catch (error) {
    $('watchlists-error').textContent = `Not deleted: ${problemText(error)}`;
  }
}

// ---- webhook deliveries of one watchlist

async function openDeliveries(w) {
  state.deliveriesOf = w;
  $('deliveries-title').textContent = `Webhook deliveries of “${w.name}”`;
  $('deliveries').hidden = false;
  await loadDeliveries();
  $('deliveries-title').focus();
}

async function loadDeliveries() {
  const w = state.deliveriesOf;
  if (!w) return;
  const keyAtStart = state.key;
  try {
    const page = await api('GET', `/v1/deliveries?${new URLSearchParams({ watchlist: w.id, limit: '50' })}`);
    if (state.key !== keyAtStart) return;
    $('deliveries-error').textContent = '';
    const rows = page.deliveries.map((d) => {
      const last = d.attempts[d.attempts.length - 1];
      const lastText = last
        ? `${formatTime(last.attemptedAt)}: ${last.statusCode ? `HTTP ${last.statusCode}` : last.error || '–'} (${last.durationMs} ms)`
        : d.nextAttemptAt ? `next ${formatTime(d.nextAttemptAt)}` : '–';
      return h(
        'tr',
        { 'data-delivery-id': d.id },
        h('td', {}, h('code', {}, d.alertId)),
        h('td', {}, d.status),
        h('td', {}, lastText),
        h('td', {}, String(d.attempts.length)),
        h('td', {}, h('button', { type: 'button', class: 'secondary small', onclick: () => redeliver(d), 'aria-label': `Send ${d.alertId} again` }, 'Send again')),
      );
    });
    $('deliveries-table').tBodies[0].replaceChildren(...rows);
    $('deliveries-empty').hidden = rows.length > 0;
  } catch (error) {
    if (state.key === keyAtStart) $('deliveries-error').textContent = `Cannot load deliveries: ${problemText(error)}`;
  }
}

async function redeliver(d) {
  try {
    await api('POST', `/v1/deliveries/${encodeURIComponent(d.id)}/redeliver`);
    await loadDeliveries();
  } catch (error) {
    $('deliveries-error').textContent = `Not sent again: ${problemText(error)}`;
  }
}

// ---- wiring

function wire() {
  $('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('api-key').value.trim();
    if (!key) {
      $('sign-in-error').textContent = 'Enter your API key.';
      $('api-key').setAttribute('aria-invalid', 'true');
      return;
    }
    signIn(key);
  });
  $('sign-out').addEventListener('click', () => signOut('You are signed out.'));
  $('filters').addEventListener('change', (event) => {
    applyFilters();
    if (event.target.id === 'filter-watchlist') {
      loadInbox(true);
      loadChart();
    }
  });
  $('inbox-more').addEventListener('click', () => loadInbox(false));
  $('new-watchlist').addEventListener('click', () => openEditor(null));
  $('wl-cancel').addEventListener('click', closeEditor);
  $('wl-test').addEventListener('click', testDelivery);
  $('editor').addEventListener('submit', saveWatchlist);
  // Inputs are named after the API's fields, so a 400's field errors land beside them.
  $('editor').addEventListener('input', (event) => scheduleValidation(event.target.name));
  $('deliveries-refresh').addEventListener('click', loadDeliveries);
  let resizeTimer = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => state.weekly && state.key && drawChart(state.weekly), 200);
  });
  $('deliveries-close').addEventListener('click', () => {
    $('deliveries').hidden = true;
    state.deliveriesOf = null;
  });
}

wire();
const saved = sessionStorage.getItem(KEY_STORAGE);
if (saved) {
  signIn(saved, { quiet: true });
} else {
  $('api-key').focus();
}
