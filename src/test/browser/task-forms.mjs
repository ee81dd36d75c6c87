// Browser test (driven by TaskFormsBrowserIT) of the complaint forms in Tasklist, one scenario per
// run (SCENARIO):
//  context: opens each form as a user of the task's group, in English and in Chinese, and checks
//           the context it shows (issue 18.2) and that the Chinese interface's texts are Chinese
//           (18.8); screenshots form-<form>-<en|zh>.png;
//  typing:  claims the containment, types quantities, Tab, then text at human speed (80 ms a key)
//           into the next field and checks nothing typed is lost (18.7).
// Uses the system Chromium (never downloads a browser). Settings from the environment: SCENARIO,
// BASE_URL, OUT_DIR, CHROMIUM and the task ids.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signIn } from './lib/login.mjs';

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

async function browser(lang) {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), `task-forms-${lang}-`)), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--lang=${lang === 'zh' ? 'zh-CN' : 'en-US'}`],
    viewport: { width: 1400, height: 1400 },
    locale: lang === 'zh' ? 'zh-CN' : 'en-US',
    // the browser's zone is not the plant's: the forms must still show plant time
    timezoneId: 'Europe/Berlin',
  });
}

async function logIn(page, user) {
  log(`log in to Tasklist as ${user}`);
  await signIn(page, `${base}/camunda/app/tasklist/default/`, user);
}

async function openTask(page, taskId, waitText) {
  await page.goto(`${base}/camunda/app/tasklist/default/#/?task=${taskId}`);
  await page.locator('.fjs-form').waitFor();
  await page.locator('.fjs-container', { hasText: waitText }).waitFor();
  return page.locator('.fjs-container').innerText();
}

const ISO_UTC = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

// --- the context of each form -----------------------------------------------------------------

const numbers = () => env('RECURRENCE_NUMBERS').split(',');
const FORMS = [
  { name: 'contain', user: 'quality', task: 'CONTAIN_TASK',
    wait: 'Cause analysis: it defines the suspect period',
    must: ['原因分析：据此确定可疑期间', 'Cause analysis (原因分析): Corner protectors missing at packing line 3',
      'On-site findings (现场调查结果)'] },
  { name: 'review', user: 'qualitymanager', task: 'REVIEW_TASK', wait: 'Findings so far',
    must: ['minor (一般)', 'Confirm complaint (与客户确认投诉)', 'Origin of the cause (原因来源): Own plant (本厂)',
      'Affects the whole batch (整批问题): No (否)'],
    mustNot: ['ownPlant', 'Severity (严重程度): minor\n'] },
  { name: 'verify', user: 'quality', task: 'VERIFY_TASK', wait: 'Corrective actions to verify',
    must: ['Corrective actions (纠正措施): Corner protectors added to the packing instruction of line 3.',
      'Improvement evidence (改善证据): Photos of 20 pallets', 'Contain suspect stock (围堵可疑库存)'],
    mustNot: ['Root cause (根本原因)', 'Permanent actions (永久措施)'] },
  { name: 'archive', user: 'clerk', task: 'ARCHIVE_TASK', wait: 'Record summary',
    must: ['Steps done: 14 (已完成步骤：14)', 'Verify effectiveness (验证改善效果)', 'Product quality (质量投诉)',
      'E-mail (邮件)', 'received (接收于) ', 'Open the full record (打开完整记录)'],
    mustNot: [' quality · ', 'received via email'] },
  { name: 'meeting', user: 'quality', task: 'MEETING_TASK', wait: 'The complaints (投诉清单)',
    must: () => [...numbers(), 'this complaint (本投诉)', '(C002)', '(C003)', '(C004)'] },
];

async function context() {
  for (const lang of ['en', 'zh']) {
    const ctx = await browser(lang);
    try {
      for (const form of FORMS) {
        const page = await ctx.newPage();
        page.on('pageerror', (e) => log(`page error: ${e.message}`));
        try {
          if (!ctx.loggedIn || ctx.loggedIn !== form.user) {
            await ctx.clearCookies();
            await logIn(page, form.user);
            ctx.loggedIn = form.user;
          }
          const text = await openTask(page, env(form.task), form.wait);
          const must = typeof form.must === 'function' ? form.must() : form.must;
          for (const expected of must) {
            check(text.includes(expected), `${form.name} (${lang}): "${expected}" is not shown:\n${text}`);
          }
          for (const unexpected of form.mustNot || []) {
            check(!text.includes(unexpected), `${form.name} (${lang}): "${unexpected}" is shown:\n${text}`);
          }
          check(!ISO_UTC.test(text), `${form.name} (${lang}): a raw ISO time is shown:\n${text}`);
          check(!text.includes('null'), `${form.name} (${lang}): "null" is shown:\n${text}`);
          // the received time is plant time, whatever the browser's zone
          if (form.name === 'archive') {
            check(/received \(接收于\) \d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(text), `archive (${lang}): no received time`);
          }
          if (lang === 'zh') {
            await chineseInterface(page, form.name);
          }
          await page.screenshot({ path: join(out, `form-${form.name}-${lang}.png`), fullPage: true });
          log(`${form.name} (${lang}): context shown`);
        } catch (e) {
          await page.screenshot({ path: join(out, `failure-form-${form.name}-${lang}.png`), fullPage: true }).catch(() => {});
          throw e;
        } finally {
          await page.close();
        }
      }
    } finally {
      await ctx.close();
    }
  }
}

/** The Chinese interface: no English texts of form-js or Tasklist left on the task's page. */
async function chineseInterface(page, form) {
  const body = await page.locator('body').innerText();
  for (const english of [/\bSelect\b/, /\bpcs\b/, /\bin \d+ (hours|days|minutes)\b/, /\bago\b/, /Due in/, /\bClaim\b/]) {
    check(!english.test(body), `${form} (zh): "${english}" is shown:\n${body}`);
  }
  if (form === 'contain') {
    const adorners = (await page.locator('.fjs-input-adornment').allInnerTexts()).map((a) => a.trim()).filter(Boolean);
    check(adorners.length > 0 && adorners.every((a) => a.trim() === '件'), `the unit is not 件: ${adorners}`);
  }
}

// --- typing after a number field ---------------------------------------------------------------

async function typing() {
  // first without the project's guard (scripts/typing-guard.js not served): shows whether form-js
  // alone loses the keys on this machine; reported, not asserted (it depends on timing)
  const lost = await typeAfterNumbers(false).catch((e) => `failed: ${e.message}`);
  log(`without typing-guard.js: ${lost}`);
  await typeAfterNumbers(true);
}

async function typeAfterNumbers(guarded) {
  const ctx = await browser('en');
  if (!guarded) {
    await ctx.route(/\/app\/tasklist\/scripts\/typing-guard\.js(\?.*)?$/, (route) =>
      route.fulfill({ status: 200, contentType: 'application/javascript', body: '// left out by the test' }));
  }
  const page = await ctx.newPage();
  try {
    await logIn(page, 'quality');
    await openTask(page, env('TYPING_TASK'), 'Finished stock isolated');
    const editable = () => {
      const field = document.querySelector('.fjs-form-field textarea');
      return field && !field.disabled && !field.readOnly;
    };
    const claim = page.getByRole('button', { name: /^\s*Claim\s*$/ });
    // claimed already when the run without the guard left it claimed
    await Promise.race([claim.waitFor(), page.waitForFunction(editable)]);
    if (await claim.isVisible()) {
      await claim.click();
    }
    await page.waitForFunction(editable);
    const stock = page.getByLabel(/Finished stock isolated/);
    const wip = page.getByLabel(/Work in progress isolated/);
    const incoming = page.getByLabel(/Incoming material isolated/);
    const result = page.getByLabel(/Re-inspection result/);
    const text = 'EL-FALSE-PRINT: none among 450 re-inspected modules';
    log('type the quantities, Tab to the next field and type on at 80 ms a key');
    await stock.click();
    await page.keyboard.type('400', { delay: 80 });
    await page.keyboard.press('Tab');
    await page.keyboard.type('50', { delay: 80 });
    await page.keyboard.press('Tab');
    await page.keyboard.type('0', { delay: 80 });
    await page.keyboard.press('Tab');
    check(await result.evaluate((e) => e === document.activeElement), 'Tab did not reach the re-inspection result');
    await page.keyboard.type(text, { delay: 80 });
    await page.waitForTimeout(1000);
    const typed = await result.inputValue();
    log(`re-inspection result: "${typed}"`);
    await page.screenshot({ path: join(out, `typing-after-number${guarded ? '' : '-unguarded'}.png`), fullPage: true });
    if (!guarded) {
      // the field is claimed by now: give it back for the guarded run
      await page.getByRole('button', { name: /Unclaim/ }).click().catch(() => {});
      await page.waitForTimeout(500);
      return typed === text ? 'nothing lost' : `kept "${typed}" of "${text}"`;
    }
    check(typed === text, `characters were lost: "${typed}" instead of "${text}"`);
    check(await stock.inputValue() === '400' && await wip.inputValue() === '50' && await incoming.inputValue() === '0',
      'a quantity was lost');
    // and the form itself holds what was typed: leave the field, wait, the value stays
    await result.blur();
    await page.waitForTimeout(800);
    check(await result.inputValue() === text, `the text changed after leaving the field: "${await result.inputValue()}"`);
    return 'nothing lost';
  } catch (e) {
    await page.screenshot({ path: join(out, 'failure-typing.png'), fullPage: true }).catch(() => {});
    throw e;
  } finally {
    await ctx.close();
  }
}

try {
  if (scenario === 'context') {
    await context();
  } else if (scenario === 'typing') {
    await typing();
  } else {
    throw new Error(`unknown SCENARIO ${scenario}`);
  }
} catch (e) {
  console.error(`[browser ${scenario}] FAILED: ${e.stack || e}`);
  process.exitCode = 1;
}
