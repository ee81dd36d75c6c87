// Browser test (driven by WebUiBrowserIT) of the web interface, one scenario per run (SCENARIO):
//  dashboard: logs in to the Camunda webapps as a manager, opens /dashboard/, waits until every
//             ECharts chart is drawn from a figure with rows, downloads one figure as CSV;
//  tasklist:  logs in to Tasklist as a clerk, opens "My group's tasks", finds the complaint by its
//             number, claims the confirmation, submits a wrong entry (refused by the form), then
//             fills the Camunda Form correctly and completes it.
// Uses the system Chromium (never downloads a browser). Settings come from the environment:
// SCENARIO, BASE_URL, USER, PASSWORD, OUT_DIR, CHROMIUM (default /usr/bin/chromium); for tasklist
// also COMPLAINT_NUMBER and TASK_ID.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { myGroupsTasks, signIn, tasklistFilters } from './lib/login.mjs';

const env = (name) => {
  const value = process.env[name];
  if (!value) { throw new Error(`environment variable ${name} is missing`); }
  return value;
};
const base = env('BASE_URL');
const out = env('OUT_DIR');
const scenario = env('SCENARIO');
mkdirSync(out, { recursive: true });
const log = (text) => console.log(`[browser ${scenario}] ${text}`);
const check = (condition, message) => { if (!condition) { throw new Error(message); } };

const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'web-ui-browser-')), {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  // tall enough for the whole bilingual forms (see attach-evidence.mjs)
  viewport: { width: 1400, height: 1400 },
  locale: 'en-US',
  acceptDownloads: true,
});
context.setDefaultTimeout(30000);

async function logIn(page, app) {
  log(`log in to ${app} as ${env('USER')}`);
  await signIn(page, `${base}/camunda/app/${app}/default/`, env('USER'), env('PASSWORD'));
}

// --- the manager's dashboard -----------------------------------------------------------------

const FIGURES = ['on-time-rates', 'defect-pareto', 'intake-closure', 'open-tasks', 'satisfaction',
  'eight-d-cycle-times', 'escalations', 'customer-decisions'];

async function dashboard(page) {
  // Tasklist is open to every group; the dashboard uses the same webapp session
  await logIn(page, 'tasklist');

  const answers = new Map();
  page.on('response', async (response) => {
    const url = new URL(response.url());
    const figure = url.pathname.replace(/^\/api\/dashboard\//, '');
    if (FIGURES.includes(figure) && !url.searchParams.has('format')) {
      answers.set(figure, { status: response.status(), body: await response.json().catch(() => null) });
    }
  });

  log('open the dashboard');
  await page.goto(`${base}/dashboard/`);
  await page.locator('body[data-loaded="true"]').waitFor();
  check(await page.locator('#failure').isHidden(), `the dashboard reports a failure: ${await page.locator('#failure').innerText()}`);
  check(await page.locator('#dashboard').isVisible(), 'the dashboard is not shown');
  log(`user shown: ${await page.locator('#shell-user').innerText()}`);

  for (const figure of FIGURES) {
    const answer = answers.get(figure);
    check(answer, `no answer of /api/dashboard/${figure}`);
    check(answer.status === 200, `/api/dashboard/${figure} answered ${answer.status}`);
    check(answer.body && answer.body.rows.length > 0, `/api/dashboard/${figure} has no rows`);
    log(`${figure}: ${answer.body.rows.length} row(s)`);
  }

  // every chart container holds a drawn ECharts canvas whose option has series with values
  const containers = await page.locator('#dashboard .chart').evaluateAll((nodes) => nodes.map((n) => n.id));
  check(containers.length === 10, `expected 10 chart containers, found ${containers.length}: ${containers}`);
  // let the charts' animations end before looking at the pixels
  await page.waitForTimeout(1500);
  for (const id of containers) {
    const state = await page.evaluate((chartId) => {
      const element = document.getElementById(chartId);
      const instance = echarts.getInstanceByDom(element);
      const canvas = element.querySelector('canvas');
      if (!instance || !canvas) { return { drawn: false }; }
      const option = instance.getOption();
      const values = (option.series || []).flatMap((s) => s.data || [])
        .flat().filter((v) => v !== null && v !== undefined && v !== '-' && v !== 0);
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) { painted += 1; } }
      const titles = (option.title || []).map((t) => t.text).filter(Boolean);
      return { drawn: true, series: (option.series || []).length, values: values.length, painted,
        width: canvas.width, height: canvas.height, titles };
    }, id);
    log(`${id}: ${JSON.stringify(state)}`);
    check(state.drawn, `${id}: no ECharts canvas`);
    check(state.series > 0 && state.values > 0, `${id}: the chart has no data (${JSON.stringify(state)})`);
    check(!state.titles.some(t => t.startsWith('No data for this choice')), `${id}: says there is no data`);
    check(state.painted > 1000, `${id}: the canvas is (nearly) blank`);
  }
  await page.screenshot({ path: join(out, 'dashboard.png'), fullPage: true });

  // satisfaction answers of both sources, each shown on its own (issue 20.4)
  const satisfactionRows = answers.get('satisfaction').body.rows;
  const sources = [...new Set(satisfactionRows.map((r) => r.source))].sort();
  check(sources.join() === 'CAMPAIGN,COMPLAINT', `satisfaction sources ${sources}`);
  const sourceRows = await page.locator('#table-satisfaction-sources tr').allInnerTexts();
  log(`satisfaction per source: ${JSON.stringify(sourceRows)}`);
  check(sourceRows.length === 3, `expected a header and two sources, found ${sourceRows.length} rows`);
  check(sourceRows[1].startsWith('after a complaint') && sourceRows[2].startsWith('yearly survey'),
    `source rows ${JSON.stringify(sourceRows)}`);
  log('filter the yearly survey');
  const [filtered] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/dashboard/satisfaction?') && r.url().includes('source=CAMPAIGN')
      && !r.url().includes('format=')),
    page.locator('#source').selectOption('CAMPAIGN'),
  ]);
  check(filtered.status() === 200, `satisfaction?source=CAMPAIGN answered ${filtered.status()}`);
  const campaignRows = (await filtered.json()).rows;
  check(campaignRows.length > 0 && campaignRows.every((r) => r.source === 'CAMPAIGN'),
    `filtered rows ${JSON.stringify(campaignRows)}`);
  await page.locator('body[data-loaded="true"]').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('#table-satisfaction-sources tr').length === 2);
  check((await page.locator('#table-satisfaction-sources tr').nth(1).innerText()).startsWith('yearly survey'),
    'the table shows the yearly survey only');
  const satisfactionCsv = await page.locator('[data-figure="satisfaction"] a.csv').getAttribute('href');
  check(satisfactionCsv.includes('source=CAMPAIGN'), `satisfaction CSV link ${satisfactionCsv}`);
  const csvAnswer = await page.request.get(new URL(satisfactionCsv, page.url()).href);
  const csvText = (await csvAnswer.text()).replace(/^\uFEFF/, '');
  check(csvText.split(/\r?\n/)[0].startsWith('month,source,tier,aspect'), `satisfaction CSV header ${csvText.split(/\r?\n/)[0]}`);
  check(csvText.includes(',CAMPAIGN,') && !csvText.includes(',COMPLAINT,'), 'the CSV holds the yearly survey only');
  await page.screenshot({ path: join(out, 'dashboard-yearly-survey.png'), fullPage: true });
  await page.locator('#source').selectOption('');

  log('download the Pareto figure as CSV');
  const link = page.locator('[data-figure="defect-pareto"] a.csv');
  const href = await link.getAttribute('href');
  check(href && href.includes('format=csv'), `unexpected CSV link ${href}`);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const file = await download.path();
  const csv = readFileSync(file, 'utf8');
  log(`${download.suggestedFilename()}:\n${csv}`);
  check(/^defect-pareto-\d{4}-\d{2}\.csv$/.test(download.suggestedFilename()), `file name ${download.suggestedFilename()}`);
  const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  check(lines[0].includes('defectCode') && lines[0].includes('cumulativePercent'), `CSV header: ${lines[0]}`);
  const pareto = answers.get('defect-pareto').body.rows;
  check(lines.length === pareto.length + 1, `CSV has ${lines.length - 1} rows, the chart ${pareto.length}`);
  for (const row of pareto) {
    check(lines.some((line) => line.startsWith(row.defectCode + ',') || line.startsWith(`"${row.defectCode}",`)),
      `CSV lacks ${row.defectCode}`);
  }
  const response = await page.request.get(new URL(href, page.url()).href);
  check(response.status() === 200, `CSV link answered ${response.status()}`);
  check(response.headers()['content-type'].startsWith('text/csv'), `CSV content type ${response.headers()['content-type']}`);
}

// --- the clerk in Tasklist -------------------------------------------------------------------

async function tasklist(page) {
  const number = env('COMPLAINT_NUMBER');
  const taskId = env('TASK_ID');
  await logIn(page, 'tasklist');

  check(await page.locator('.ce-eol-banner').isHidden(), 'the "migrate to Camunda 8" banner is shown to a clerk');
  log('choose the filter "My group\'s tasks"');
  await tasklistFilters(page, `${base}/camunda/app/tasklist/default/`, log);
  await myGroupsTasks(page).click();
  const item = page.locator('.tasks-list li.task', { hasText: number });
  await item.waitFor();
  log(`task in the list: ${(await item.innerText()).replace(/\s+/g, ' ')}`);
  await item.locator('h4 a, .names a').first().click();

  const form = page.locator('.fjs-form');
  await form.waitFor();
  await page.locator('.fjs-form-field', { hasText: 'Confirmed items' }).waitFor();
  check((await page.locator('.fjs-container').innerText()).includes(number), 'the form does not show the complaint number');

  log('claim it');
  await page.getByRole('button', { name: /^\s*Claim\s*$/ }).click();
  const confirmedItems = page.getByLabel(/Confirmed items/);
  await page.waitForFunction(() => {
    const field = [...document.querySelectorAll('.fjs-form-field textarea')][0];
    return field && !field.disabled && !field.readOnly;
  });

  log('submit a wrong entry: confirmed items given, but no extent of the defect and no trend');
  const complete = page.getByRole('button', { name: /^\s*Complete\s*$/ });
  await choose(page, 'Confirmation method', 'Phone (电话)');
  await confirmedItems.fill('1. cracked glass at two corners; 2. pallet 7 only');
  await complete.click();
  const errors = page.locator('.fjs-form-field-error');
  const fieldError = (label) => page.locator('.fjs-form-field', { hasText: label }).locator('.fjs-form-field-error');
  await fieldError('Extent of the defect').waitFor();
  const messages = (await errors.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  log(`validation messages: ${JSON.stringify(messages)}`);
  check(/Field is required/.test(await fieldError('Extent of the defect').innerText()), 'no "required" message at the extent');
  check(/Field is required/.test(await fieldError('Defect trend').innerText()), 'no "required" message at the trend');
  check(await fieldError('Confirmed items').count() === 0, 'a message at the valid confirmed items');
  // Tasklist's notice over the Complete button is closed (form-refusals.js): the fields say what is
  // wrong, a summary stands above the buttons, the first refused field is in view
  const summary = page.locator('.qms-refusal-summary');
  await summary.waitFor();
  log(`summary: ${(await summary.innerText()).trim()}`);
  check(/2 entries need to be corrected/.test(await summary.innerText()), 'the summary does not count the two fields');
  await page.locator('.page-notifications .alert', { hasText: 'error happened while submitting the task form' })
    .waitFor({ state: 'detached' });

  log('too short confirmed items: a message at the field, and Complete is disabled');
  await confirmedItems.fill('cracked');
  await confirmedItems.blur();
  await fieldError('Confirmed items').waitFor();
  const tooShort = await fieldError('Confirmed items').innerText();
  log(`confirmed items: ${tooShort}`);
  check(/minimum length of 10/.test(tooShort), `unexpected message at the confirmed items: ${tooShort}`);
  check(await complete.isDisabled(), 'Complete is still enabled');
  await page.screenshot({ path: join(out, 'tasklist-1-validation.png'), fullPage: true });

  log('a refusal of the server: markup in the confirmed items, shown at the field');
  await confirmedItems.fill('1. cracked glass <b>two</b> corners; 2. pallet 7');
  await page.getByLabel(/Extent of the defect/).fill('10 of 1000 modules');
  await choose(page, 'Defect trend', 'Increasing (呈上升趋势)');
  await complete.click();
  const serverError = page.locator('.fjs-form-field', { hasText: 'Confirmed items' }).locator('.qms-server-error');
  await serverError.waitFor();
  const serverText = await serverError.innerText();
  log(`server refusal at the field: ${serverText}`);
  check(/must not contain HTML or script tags/.test(serverText), `unexpected server message: ${serverText}`);
  check(!/Cannot submit task form/.test(await page.locator('body').innerText()), 'the task id message is shown');
  await page.locator('.page-notifications .alert', { hasText: 'error happened while submitting the task form' })
    .waitFor({ state: 'detached' });
  check(await page.evaluate(() => document.activeElement && document.activeElement.tagName) === 'TEXTAREA',
    'the refused field has no focus');
  await page.screenshot({ path: join(out, 'tasklist-1b-server-refusal.png'), fullPage: true });
  await chineseRefusal(taskId);
  // the task is still open and unchanged (asked with the webapp session)
  const open = await page.evaluate(async (id) => {
    const r = await fetch(`/camunda/api/engine/engine/default/task/${id}/variables/confirmedItems`,
      { headers: { Accept: 'application/json' } });
    const t = await fetch(`/camunda/api/engine/engine/default/task/${id}`, { headers: { Accept: 'application/json' } });
    return { task: t.status, variable: r.status };
  }, taskId);
  log(`after the wrong entry: ${JSON.stringify(open)}`);
  check(open.task === 200, `the task is no longer open (HTTP ${open.task})`);
  check(open.variable === 404, 'the wrong entry was stored');

  log('fill the form correctly and complete it');
  await confirmedItems.fill('1. cracked glass at two corners; 2. pallet 7 only');
  await page.getByLabel(/Extent of the defect/).fill('10 of 1000 modules');
  await choose(page, 'Defect trend', 'Increasing (呈上升趋势)');
  await page.getByLabel(/customer prescribes its own report format/).check();
  check(await errors.count() === 0, `messages left: ${await errors.allInnerTexts()}`);
  await page.screenshot({ path: join(out, 'tasklist-2-filled.png'), fullPage: true });
  await complete.click();
  await item.waitFor({ state: 'detached' });
  await form.waitFor({ state: 'detached' });
  await page.screenshot({ path: join(out, 'tasklist-3-completed.png'), fullPage: true });
  const gone = await page.evaluate(async (id) =>
    (await fetch(`/camunda/api/engine/engine/default/task/${id}`, { headers: { Accept: 'application/json' } })).status, taskId);
  check(gone === 404, `the task is still there (HTTP ${gone})`);
  log('completed');
}

/** The same server refusal in a Chinese browser: the message at the field is Chinese. */
async function chineseRefusal(taskId) {
  const zh = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'web-ui-browser-zh-')), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--lang=zh-CN'],
    viewport: { width: 1400, height: 1400 },
    locale: 'zh-CN',
  });
  try {
    const page = await zh.newPage();
    await logIn(page, 'tasklist');
    await page.goto(`${base}/camunda/app/tasklist/default/#/?task=${taskId}`);
    await page.locator('.fjs-form').waitFor();
    await choose(page, 'Confirmation method', 'Phone (电话)');
    const items = page.locator('.fjs-form-field', { hasText: 'Confirmed items' });
    await items.locator('textarea').fill('1. <i>裂纹</i> 两个角');
    await page.locator('.fjs-form-field', { hasText: 'Extent of the defect' }).locator('input, textarea').first()
      .fill('10 of 1000 modules');
    await choose(page, 'Defect trend', 'Increasing (呈上升趋势)');
    await page.locator('button.btn-primary', { hasText: /完成|Complete/ }).first().click();
    const error = items.locator('.qms-server-error');
    await error.waitFor();
    const text = await error.innerText();
    log(`zh: server refusal at the field: ${text}`);
    check(/不能包含 HTML/.test(text), `the refusal is not Chinese: ${text}`);
    const summary = await page.locator('.qms-refusal-summary').innerText();
    check(/处需要更正/.test(summary), `the summary is not Chinese: ${summary}`);
    await page.screenshot({ path: join(out, 'tasklist-1c-server-refusal-zh.png'), fullPage: true });
  } catch (e) {
    for (const p of zh.pages()) {
      await p.screenshot({ path: join(out, 'failure-tasklist-zh.png'), fullPage: true }).catch(() => {});
    }
    throw e;
  } finally {
    await zh.close();
  }
}

/** Picks an option of a form-js select (a custom dropdown, not a native <select>). */
async function choose(page, label, option) {
  const field = page.locator('.fjs-form-field', { hasText: label });
  await field.locator('.fjs-input-group').click();
  await field.locator('.fjs-dropdownlist-item', { hasText: option }).click();
  const shown = await field.locator('.fjs-select-display').innerText();
  check(shown.includes(option), `${label}: shows "${shown}" instead of "${option}"`);
}

let page;
try {
  page = await context.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  if (scenario === 'dashboard') {
    await dashboard(page);
  } else if (scenario === 'tasklist') {
    await tasklist(page);
  } else {
    throw new Error(`unknown SCENARIO ${scenario}`);
  }
} catch (e) {
  if (page) { await page.screenshot({ path: join(out, `failure-${scenario}.png`), fullPage: true }).catch(() => {}); }
  console.error(`[browser ${scenario}] FAILED: ${e.stack || e}`);
  process.exitCode = 1;
} finally {
  await context.close();
}
