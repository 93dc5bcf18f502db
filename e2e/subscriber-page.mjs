// End-to-end test of alert-service's subscriber page in headless Chromium, driven by
// playwright-core. app's SubscriberPageBrowserTest starts the pipeline, creates two subscribers and
// runs this script with:
//   ALERT_URL, INGEST_URL       the services' base URLs (http://127.0.0.1:port)
//   ANALYST_KEY                 publishes items through ingest-service
//   SUBSCRIBER_A_KEY, SUBSCRIBER_B_KEY, SUBSCRIBER_A_ID, SUBSCRIBER_B_ID
//   SCREENSHOT_DIR              where screenshots go (default: ../app/target/e2e-screenshots)
//   CHROMIUM                    the browser (default: /usr/bin/chromium)
// Exit status 0 when every step passed; on a failure it saves failure.png and exits 1.

import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') throw new Error(`Set the environment variable ${name}`);
  return value;
};
const ALERT_URL = env('ALERT_URL').replace(/\/$/, '');
const INGEST_URL = env('INGEST_URL').replace(/\/$/, '');
const ANALYST_KEY = env('ANALYST_KEY');
const KEY_A = env('SUBSCRIBER_A_KEY');
const KEY_B = env('SUBSCRIBER_B_KEY');
const ID_A = env('SUBSCRIBER_A_ID');
const ID_B = env('SUBSCRIBER_B_ID');
const SHOTS = resolve(env('SCREENSHOT_DIR', join(here, '..', 'app', 'target', 'e2e-screenshots')));
const CHROMIUM = env('CHROMIUM', '/usr/bin/chromium');
const ALERT_WAIT_MS = 90_000;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const TITLE_1 = 'Operator orders high-speed trains for a new line';
const TITLE_2 = 'Rolling stock maker wins a railway train order';

let stepName = 'start';
const started = Date.now();
function step(name) {
  stepName = name;
  console.log(`[e2e +${((Date.now() - started) / 1000).toFixed(1)}s] ${name}`);
}
function check(condition, message) {
  if (!condition) throw new Error(`Check failed: ${message}`);
}

// ---- a local webhook receiver

const received = [];
const receiver = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    received.push({ headers: req.headers, body: Buffer.concat(chunks) });
    res.writeHead(200).end();
  });
});
await new Promise((ok) => receiver.listen(0, '127.0.0.1', ok));
const HOOK_URL = `http://127.0.0.1:${receiver.address().port}/hook`;

function verifySignature(secret, { headers, body }) {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const signed = `${headers['webhook-id']}.${headers['webhook-timestamp']}.${body.toString('utf8')}`;
  const expected = `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
  return String(headers['webhook-signature']).split(' ').includes(expected);
}

// ---- plain HTTP calls (what an analyst and the checks do outside the browser)

async function call(method, url, key, body) {
  const response = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${key}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

async function publish(title, text) {
  const { status, json } = await call('POST', `${INGEST_URL}/v1/items`, ANALYST_KEY, {
    kind: 'CORPORATE',
    title,
    body: text,
    publisher: 'e2e-browser-test',
  });
  check(status === 202, `publishing answered ${status}: ${JSON.stringify(json)}`);
  return json.id;
}

async function until(what, probe, timeoutMs = 30_000, everyMs = 500) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, everyMs));
  }
}

// ---- the browser

mkdirSync(SHOTS, { recursive: true });
rmSync(join(SHOTS, 'failure.png'), { force: true }); // from an earlier failed run
const profile = mkdtempSync(join(tmpdir(), 'sector-alerts-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: CHROMIUM_ARGS,
  viewport: { width: 1280, height: 900 },
  timeout: 60_000,
});
const page = context.pages()[0] ?? (await context.newPage());
page.setDefaultTimeout(20_000);
const problems = [];
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('console', (m) => {
  // A fetch answered 4xx is logged by Chromium; the page handles those itself.
  if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  if (m.type() === 'error' || m.type() === 'warning') console.log(`[browser ${m.type()}] ${m.text()}`);
});
await page.addInitScript(() => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
});

const shot = async (name, fullPage = true) => {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
  console.log(`[e2e] screenshot ${join(SHOTS, `${name}.png`)}`);
};
const text = (selector) => page.locator(selector).innerText();
const phone = () => page.setViewportSize({ width: 375, height: 812 });
const desktop = () => page.setViewportSize({ width: 1280, height: 900 });
async function fitsPhoneWidth() {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(width <= 375, `the page is ${width} px wide at a 375 px viewport (it scrolls sideways)`);
}

let exitCode = 0;
try {
  step('open the page: / redirects to /app/ with a self-only CSP');
  const opened = await page.goto(`${ALERT_URL}/`);
  check(new URL(page.url()).pathname === '/app/', `landed on ${page.url()}`);
  const headers = opened.headers();
  check(/default-src 'none'/.test(headers['content-security-policy']), 'CSP default-src none');
  check(/frame-ancestors 'none'/.test(headers['content-security-policy']), 'CSP frame-ancestors');
  check(headers['x-content-type-options'] === 'nosniff', 'nosniff');
  check(headers['referrer-policy'] === 'no-referrer', 'no-referrer');
  await page.locator('#api-key').waitFor();
  check(await page.evaluate(() => document.activeElement.id) === 'api-key', 'the key field has focus');
  await shot('01-sign-in');

  step('a wrong key is refused inline');
  await page.fill('#api-key', `sa_${ID_A}.${'A'.repeat(43)}`);
  await page.click('#sign-in-form button[type=submit]');
  await page.locator('#sign-in-error', { hasText: 'not valid' }).waitFor();
  check(await page.getAttribute('#api-key', 'aria-invalid') === 'true', 'the key field is marked invalid');

  step('sign in as the first subscriber');
  await page.fill('#api-key', KEY_A);
  await page.press('#api-key', 'Enter');
  await page.locator('#who', { hasText: ID_A }).waitFor();
  await page.locator('#stream-status', { hasText: 'live' }).waitFor();
  check(!page.url().includes(KEY_A) && !page.url().includes('sa_'), 'the key is not in the URL');
  check(await page.evaluate(() => sessionStorage.getItem('sector-alerts.apiKey')) === KEY_A, 'the key is in sessionStorage');
  check(await page.evaluate(() => localStorage.length) === 0, 'nothing in localStorage');
  await page.locator('#watchlists-empty').waitFor();

  step('create a watchlist: rail, keywords checked as you type, a webhook');
  await page.click('#new-watchlist');
  await page.fill('#wl-name', 'Fast trains');
  await page.check('#wl-sectors-rail');
  await page.fill('#wl-query', 'high-speed AND train*');
  await page.locator('#wl-query-status', { hasText: 'Keywords OK' }).waitFor();
  await page.fill('#wl-webhook', HOOK_URL);
  await page.click('#wl-save');
  const card = page.locator('#watchlist-list li', { hasText: 'Fast trains' });
  await card.waitFor();
  const watchlistId = await card.getAttribute('data-watchlist-id');
  check(/^wl-[0-9a-f]{32}$/.test(watchlistId), `watchlist id ${watchlistId}`);
  await page.locator('#wl-test').waitFor();

  step('send a test delivery to the webhook');
  await page.click('#wl-test');
  await page.locator('#wl-test-result', { hasText: 'HTTP 200' }).waitFor();
  check(received.length === 1, `the receiver got ${received.length} requests`);
  const stored = await call('GET', `${ALERT_URL}/v1/watchlists/${watchlistId}`, KEY_A);
  const secret = stored.json.webhook.secret;
  check(received[0].headers['webhook-id'].startsWith('test-'), 'a test delivery id');
  check(verifySignature(secret, received[0]), 'the test delivery is signed with the secret');
  check(JSON.parse(received[0].body).type === 'webhook.test', 'type webhook.test');
  await shot('02-watchlist-created');

  step('publish an item through ingest-service and see its alert arrive live');
  await publish(TITLE_1, 'The national railway operator orders sixty high-speed trains from a domestic maker.');
  const live = page.locator('#live li.alert', { hasText: TITLE_1 });
  await live.waitFor({ timeout: ALERT_WAIT_MS });
  const alertId = await live.getAttribute('data-alert-id');
  check(/^alr-/.test(alertId), `alert id ${alertId}`);
  check(await live.locator('.badge.sector', { hasText: 'Rail' }).count() === 1, 'a Rail sector badge');
  check(await live.locator('.badge.level').count() === 1, 'a level badge');

  step('open its explanation: criteria and marked words');
  await live.locator('summary', { hasText: 'Why this alert' }).click();
  const why = live.locator('details.why');
  const criteria = await why.locator('ul').innerText();
  check(criteria.includes('Sector: Rail'), `criteria name the sector: ${criteria}`);
  check(criteria.includes('Keywords:'), `criteria name the keywords: ${criteria}`);
  const marks = (await why.locator('mark').allInnerTexts()).map((m) => m.toLowerCase());
  check(marks.some((m) => m.includes('high-speed') || m === 'high'), `marked words: ${marks}`);
  check(marks.some((m) => m.startsWith('train')), `marked words: ${marks}`);
  await page.locator('#chart-figure svg rect.bar').first().waitFor();
  await shot('03-live-alert-explained');
  await phone();
  await fitsPhoneWidth();
  await live.scrollIntoViewIfNeeded();
  await shot('04-phone-live-alert', false);
  await shot('05-phone-full-page');
  await desktop();

  step('edit the watchlist: an invalid query is rejected inline and not saved');
  await card.getByRole('button', { name: 'Edit Fast trains' }).click();
  await page.fill('#wl-query', 'high-speed AND ((train');
  await page.locator('#wl-query-error').filter({ hasText: /./ }).waitFor();
  check(await page.getAttribute('#wl-query', 'aria-invalid') === 'true', 'the query field is marked invalid');
  check(await page.locator('#wl-query-status').innerText() === '', 'no "Keywords OK" next to an error');
  console.log(`[e2e] inline error: ${await text('#wl-query-error')}`);
  await page.click('#wl-save');
  await page.locator('#editor-summary', { hasText: 'Not saved' }).waitFor();
  check(await page.evaluate(() => document.activeElement.id) === 'wl-query', 'focus moves to the bad field');
  const unchanged = await call('GET', `${ALERT_URL}/v1/watchlists/${watchlistId}`, KEY_A);
  check(unchanged.json.query === 'high-speed AND train*', `the stored query is unchanged: ${unchanged.json.query}`);
  await shot('06-invalid-query');
  await phone();
  await fitsPhoneWidth();
  await page.locator('#wl-query').scrollIntoViewIfNeeded();
  await shot('07-phone-invalid-query', false);
  await desktop();

  step('fix the query, add a sector and save');
  await page.fill('#wl-query', '"rolling stock" OR train*');
  await page.locator('#wl-query-status', { hasText: 'Keywords OK' }).waitFor();
  check(await page.locator('#wl-query-error').innerText() === '', 'the error is gone');
  await page.check('#wl-sectors-automotive');
  await page.click('#wl-save');
  await page.locator('#wl-test-result', { hasText: 'Saved' }).waitFor();
  const edited = await call('GET', `${ALERT_URL}/v1/watchlists/${watchlistId}`, KEY_A);
  check(edited.json.query === '"rolling stock" OR train*', `stored query ${edited.json.query}`);
  check(JSON.stringify([...edited.json.sectors].sort()) === '["automotive","rail"]', `stored sectors ${edited.json.sectors}`);
  check(edited.json.webhook.secret === secret, 'the webhook secret is kept');
  await page.locator('#watchlist-list li', { hasText: 'Automotive' }).waitFor();

  step('the delivery log shows the alert delivered to the webhook');
  await card.getByRole('button', { name: 'Deliveries of Fast trains' }).click();
  await until('a DELIVERED row', async () => {
    await page.click('#deliveries-refresh');
    return (await page.locator('#deliveries-table tbody tr', { hasText: 'DELIVERED' }).count()) > 0;
  });
  const row = await page.locator('#deliveries-table tbody tr').first().innerText();
  check(row.includes(alertId), `the delivery is of the alert: ${row}`);
  await shot('08-deliveries');

  step('a reload keeps the session; the inbox lists the alert; the chart counts it');
  await page.reload();
  await page.locator('#who', { hasText: ID_A }).waitFor();
  await page.locator(`#inbox li.alert[data-alert-id="${alertId}"]`).waitFor();
  check(await page.locator('#live li.alert').count() === 0, 'nothing new in the live list after a reload');
  await page.locator('#chart-figure svg rect.bar').first().waitFor();
  check((await text('#chart-legend')).includes('Rail'), 'the chart legend names Rail');
  await page.selectOption('#filter-sector', 'semiconductors');
  check(await page.locator('#inbox li.alert:visible').count() === 0, 'the sector filter hides the rail alert');
  await page.selectOption('#filter-sector', 'rail');
  check(await page.locator('#inbox li.alert:visible').count() === 1, 'the rail filter shows it');
  await page.selectOption('#filter-level', 'HIGH');
  await page.selectOption('#filter-level', '');
  await page.selectOption('#filter-sector', '');
  await shot('09-overview');

  step('the inbox pages with the cursor: 25 alerts, then the older ones');
  const more = 25;
  // The newest one's title holds markup: the page must show it as text.
  const MARKUP = '<img src=x data-injected=1> & <b>bold</b>';
  for (let n = 1; n <= more; n++) {
    const suffix = n === more ? ` ${MARKUP}` : '';
    await publish(`Rail operator orders train set ${n}${suffix}`, `The railway operator orders ${n + 2} new trains for intercity route ${n}.${suffix}`);
  }
  await until('every alert in the inbox', async () => {
    const first = await call('GET', `${ALERT_URL}/v1/alerts?limit=500`, KEY_A);
    return first.json.alerts.length >= more + 1;
  }, ALERT_WAIT_MS);
  await page.reload();
  await page.locator('#inbox li.alert').nth(24).waitFor();
  check((await page.locator('#inbox li.alert h3').first().innerText()).endsWith(MARKUP), 'markup in a title is shown as text');
  check(await page.locator('[data-injected], #inbox b').count() === 0, 'markup in an alert never becomes elements');
  check(await page.locator('#inbox li.alert').count() === 25, 'the first page holds 25 alerts');
  await page.click('#inbox-more');
  await page.locator('#inbox li.alert').nth(more).waitFor();
  const ids = await page.locator('#inbox li.alert').evaluateAll((cards) => cards.map((c) => c.dataset.alertId));
  check(ids.length === more + 1 && new Set(ids).size === ids.length, `${ids.length} distinct alerts after paging`);
  check(ids[ids.length - 1] === alertId, 'the oldest alert comes last');
  await page.locator('#inbox-more').waitFor({ state: 'hidden' });

  step('sign out: the key and every list are gone');
  await page.click('#sign-out');
  await page.locator('#sign-in').waitFor();
  check(await page.evaluate(() => sessionStorage.getItem('sector-alerts.apiKey')) === null, 'the key is cleared');
  for (const list of ['#live', '#inbox', '#watchlist-list', '#chart-figure']) {
    check(await page.locator(`${list} > *`).count() === 0, `${list} is emptied`);
  }

  step('the second subscriber signs in with the keyboard and sees none of the first one\'s data');
  await page.focus('#api-key');
  await page.keyboard.type(KEY_B);
  await page.keyboard.press('Enter');
  await page.locator('#who', { hasText: ID_B }).waitFor();
  await page.locator('#stream-status', { hasText: 'live' }).waitFor();
  await page.locator('#watchlists-empty').waitFor();
  await page.locator('#inbox-empty', { hasText: 'No alerts yet' }).waitFor();
  await page.locator('#chart-legend', { hasText: 'No alerts' }).waitFor();
  // One more item for the first subscriber while the second one watches.
  await publish(TITLE_2, 'A rolling stock maker wins an order for forty intercity trains from the railway operator.');
  await until('the first subscriber\'s alert of it', async () => {
    const inbox = await call('GET', `${ALERT_URL}/v1/alerts?limit=5`, KEY_A);
    return inbox.json.alerts.some((a) => a.title === TITLE_2);
  }, ALERT_WAIT_MS);
  const body = await page.locator('body').innerText();
  for (const secretText of ['Fast trains', TITLE_1, TITLE_2, ID_A, watchlistId, alertId]) {
    check(!body.includes(secretText), `the second subscriber's page shows "${secretText}"`);
  }
  check(await page.locator('li.alert').count() === 0, 'no alert cards at all');
  const probes = await page.evaluate(
    async ({ key, watchlistId, alertId }) => {
      const get = async (path) => (await fetch(path, { headers: { Authorization: `Bearer ${key}` } })).status;
      return [await get(`/v1/watchlists/${watchlistId}`), await get(`/v1/alerts/${alertId}`), await get(`/v1/deliveries?watchlist=${watchlistId}`)];
    },
    { key: KEY_B, watchlistId, alertId },
  );
  check(JSON.stringify(probes) === '[404,404,404]', `the first subscriber's ids answer ${probes} to the second`);
  await shot('10-second-subscriber');
  await phone();
  await fitsPhoneWidth();
  await shot('11-phone-second-subscriber');
  await desktop();

  step('no script errors and no Content-Security-Policy violations');
  const violations = await page.evaluate(() => window.__csp);
  check(violations.length === 0, `CSP violations: ${violations}`);
  check(problems.length === 0, `browser problems:\n${problems.join('\n')}`);
  console.log(`[e2e] PASSED in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  exitCode = 1;
  console.error(`[e2e] FAILED at step "${stepName}": ${error.stack || error}`);
  for (const p of problems) console.error(`[e2e] ${p}`);
  try {
    await shot('failure');
  } catch (e) {
    console.error(`[e2e] no failure screenshot: ${e.message}`);
  }
} finally {
  await context.close().catch(() => {});
  receiver.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(exitCode);
