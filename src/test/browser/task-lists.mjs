// Browser test (driven by TaskListBrowserIT) of Tasklist's lists and start confirmation, in English
// and in Chinese (a browser whose first language is zh-CN):
//  list:  production opens "My group's tasks": the complaint's card shows its number, customer, tier
//         and severity without expanding it, the priority in words, the escalated task's priority
//         as escalated, and the absolute due date in plant time next to the relative one;
//  start: the clerk starts "Customer complaint handling" from "Start process" and the confirmation
//         names the new complaint number.
// Uses the system Chromium (never downloads a browser). Settings come from the environment:
// BASE_URL, OUT_DIR, CHROMIUM (default /usr/bin/chromium), NUMBER, CUSTOMER, DUE (yyyy-MM-dd HH:mm in
// plant time), ESCALATED_NUMBER.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync } from 'node:fs';
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
mkdirSync(out, { recursive: true });
let language = 'en';
const log = (text) => console.log(`[browser task-lists ${language}] ${text}`);
const check = (condition, message) => { if (!condition) { throw new Error(message); } };

const EXPECTED = {
  en: { high: 'High · A customer', escalated: 'Escalated', started: /Complaint number: (CC-\d{4}-\d+)/,
    startLabel: /Start process/, startButton: /^\s*Start\s*$/ },
  zh: { high: '高 · A类客户', escalated: '已升级', started: /投诉单号: (CC-\d{4}-\d+)/,
    startLabel: /启动流程/, startButton: /^\s*(启动|开始)\s*$/ }
};

async function browser(lang) {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), `task-lists-${lang}-`)), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      lang === 'zh' ? '--lang=zh-CN' : '--lang=en-US'],
    viewport: { width: 1400, height: 1000 },
    locale: lang === 'zh' ? 'zh-CN' : 'en-US',
    // the browser's own zone differs from the plant's on purpose: the due date must not follow it
    timezoneId: 'Europe/Berlin',
  });
}

async function logIn(page, user) {
  log(`log in to Tasklist as ${user}`);
  await signIn(page, `${base}/camunda/app/tasklist/default/`, user, user, log);
}

async function productionsList(page) {
  const expected = EXPECTED[language];
  await logIn(page, 'production');
  await tasklistFilters(page, `${base}/camunda/app/tasklist/default/`, log);
  await myGroupsTasks(page).click();
  const item = page.locator('.tasks-list li.task', { hasText: env('NUMBER') });
  await item.waitFor();
  await item.locator('.qms-due-absolute').waitFor();
  const text = (await item.innerText()).replace(/\s+/g, ' ');
  log(`card: ${text}`);
  for (const shown of [env('NUMBER'), env('CUSTOMER'), 'Minor (一般)', 'Tier (客户等级)']) {
    check(text.includes(shown), `the card does not show "${shown}"`);
  }
  // number, customer, tier and severity are visible without the expander
  for (const shown of [env('NUMBER'), env('CUSTOMER'), 'Minor (一般)']) {
    check(await item.getByText(shown, { exact: false }).first().isVisible(), `"${shown}" is hidden`);
  }
  const tier = await item.locator('.variables').innerText();
  check(/Tier \(客户等级\)\s*:?\s*A\b/.test(tier), `the tier A is not shown: ${tier}`);
  const priority = (await item.locator('.qms-priority').innerText()).trim();
  log(`priority: ${priority}`);
  check(priority === expected.high, `priority shows "${priority}" instead of "${expected.high}"`);
  check(await item.locator('.qms-priority').isVisible(), 'the priority in words is hidden');
  const due = (await item.locator('.qms-due-absolute').innerText()).trim();
  log(`due: ${(await item.locator('.due-date').innerText()).replace(/\s+/g, ' ')}`);
  check(due.includes(env('DUE')), `the absolute due date is "${due}", not ${env('DUE')} (plant time)`);

  const escalated = page.locator('.tasks-list li.task', { hasText: env('ESCALATED_NUMBER') });
  await escalated.waitFor();
  const escalatedPriority = (await escalated.locator('.qms-priority').innerText()).trim();
  log(`escalated task's priority: ${escalatedPriority}`);
  check(escalatedPriority === expected.escalated, `escalated priority shows "${escalatedPriority}"`);
  await page.screenshot({ path: join(out, `task-lists-production-${language}.png`), fullPage: false });
}

async function startComplaint(page) {
  const expected = EXPECTED[language];
  await logIn(page, 'clerk');
  log('Start process → Customer complaint handling');
  await page.locator('.start-process-action a').click();
  await page.locator('.modal ul.processes a', { hasText: 'Customer complaint handling' }).click();
  const form = page.locator('.modal .fjs-form');
  await form.waitFor();
  // fields by their label (descriptions mention other fields' names)
  const input = (label) => form.getByLabel(new RegExp(`^${label}`)).first();
  const select = (label) => form.locator('.fjs-form-field')
    .filter({ has: page.locator('label', { hasText: new RegExp(`^${label}`) }) }).last();
  await input('Customer code').fill('C001');
  await input('Contact person').fill('Ms Wang');
  await choose(select('Received via'), 'Phone');
  await choose(select('Complaint category'), 'Product quality');
  await input('Product name').fill('Mono PERC module 550 W');
  await input('Batch number').fill(`B-START-${language}`);
  const date = input('Production date');
  await date.click();
  await date.fill('01/15/2026');
  await date.press('Enter');
  await input('Quantity purchased').fill('1000');
  await input('Quantity defective').fill('10');
  await input('Defect code').fill('BREAKAGE');
  await input('Complaint description').fill('Ten modules arrived with cracked glass.');
  await input('Complaint description').press('Tab');
  await form.locator('h3, h4, p').first().click(); // closes the date picker
  await form.screenshot({ path: join(out, `task-lists-start-form-${language}.png`) });
  const errors = (await form.locator('.fjs-form-field-error').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  log(`form messages: ${JSON.stringify(errors)}`);
  const start = page.locator('.modal-footer button.btn-primary:not(.ng-hide)').last();
  await page.waitForFunction(() => [...document.querySelectorAll('.modal-footer button.btn-primary')]
    .some((b) => !b.disabled && b.offsetParent !== null), null, { timeout: 15000 });
  await start.click();
  const notice = page.locator('.qms-started');
  await notice.waitFor();
  const text = (await notice.innerText()).replace(/\s+/g, ' ');
  log(`start confirmation: ${text}`);
  const match = text.match(expected.started);
  check(match, `the start confirmation names no complaint number: ${text}`);
  await page.screenshot({ path: join(out, `task-lists-started-${language}.png`), fullPage: false });
  // it stays (Tasklist's own notice is gone after 3 seconds)
  await page.waitForTimeout(4000);
  check(await notice.isVisible(), 'the number disappeared');
  console.log(`STARTED ${language} ${match[1]}`);
}

/** Picks an option of a form-js select (a custom dropdown, not a native <select>). */
async function choose(field, option) {
  await field.locator('.fjs-input-group').click();
  await field.locator('.fjs-dropdownlist-item', { hasText: option }).first().click();
}

for (const lang of ['en', 'zh']) {
  language = lang;
  const context = await browser(lang);
  context.setDefaultTimeout(45000);
  let page;
  try {
    page = await context.newPage();
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') { log(`console: ${m.text()}`); } });
    page.on('response', (r) => { if (r.status() >= 400) { log(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`); } });
    await productionsList(page);
    await context.clearCookies();
    await startComplaint(page);
  } catch (e) {
    if (page) { await page.screenshot({ path: join(out, `failure-task-lists-${lang}.png`), fullPage: true }).catch(() => {}); }
    console.error(`[browser task-lists ${lang}] FAILED: ${e.stack || e}`);
    process.exitCode = 1;
  } finally {
    await context.close();
  }
  if (process.exitCode) { break; }
}
