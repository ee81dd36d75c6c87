// Browser test (driven by TaskFormsBrowserIT) of the complaint forms in Tasklist, one scenario per
// run (SCENARIO):
//  context: opens each form as a user of the task's group, in English and in Chinese, and checks
//           the context it shows (issue 18.2) and that the Chinese interface's texts are Chinese
//           (18.8); screenshots form-<form>-<en|zh>.png;
//  typing:  claims the containment, types quantities, Tab, then text at human speed (80 ms a key)
//           into the next field and checks nothing typed is lost (18.7);
//  refusals: in Chinese, the date picker names months and weekdays in Chinese and takes a typed
//           ISO date and its own format; a server refusal stands at the date, the summary says how
//           many places are marked, and both go once the date is entered; a missing evidence file
//           is refused at the form's evidence link, in Chinese, without the variable's key; in
//           English the date picker is as form-js builds it (issue 18); screenshots refusal-*.png.
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

// --- refusals where the user looks, and the date picker -------------------------------------------

const MONTHS_ZH = ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];

async function claimed(page) {
  const claim = page.locator('button', { hasText: /^\s*(Claim|认领)\s*$/ });
  await Promise.race([claim.waitFor(), page.locator('.fjs-form textarea:not([disabled])').first().waitFor()]);
  if (await claim.isVisible()) {
    await claim.click();
    await claim.waitFor({ state: 'hidden' });
  }
  await page.locator('.fjs-form textarea:not([disabled])').first().waitFor();
  await formSettled(page);
}

/**
 * Tasklist renders the form again after a claim (it reloads the task): a box ticked or a text typed
 * in between is reset ("Clicking the checkbox did not change its state"). Settled: the same form
 * and the same first enabled field have stayed in the page for a second.
 */
async function formSettled(page) {
  await page.waitForFunction(() => {
    const form = document.querySelector('.fjs-form');
    const field = form && form.querySelector('textarea:not([disabled]), input:not([disabled])');
    const now = Date.now();
    const seen = window.__qmsSettled;
    if (!field) {
      window.__qmsSettled = undefined;
      return false;
    }
    if (!seen || seen.form !== form || seen.field !== field) {
      window.__qmsSettled = { form, field, since: now };
      return false;
    }
    return now - seen.since >= 1000;
  }, null, { polling: 100 });
}

/** Opens the date field's calendar: the month shown and the weekday headers. */
async function calendar(page, dateInput) {
  await dateInput.click();
  const open = page.locator('.flatpickr-calendar.open');
  await open.waitFor();
  const month = await open.locator('.flatpickr-monthDropdown-months').evaluate((s) => s.options[s.selectedIndex].text);
  const weekdays = (await open.locator('.flatpickr-weekday').allInnerTexts()).join(' ').trim().split(/\s+/);
  return { month, weekdays };
}

async function typeDate(page, dateInput, text) {
  await dateInput.click();
  await dateInput.fill('');
  await dateInput.type(text, { delay: 40 });
  await page.keyboard.press('Tab');
  await page.locator('.flatpickr-calendar.open').waitFor({ state: 'detached' }).catch(() => {});
}

async function refusals() {
  const today = env('TODAY');
  const [y, m, d] = today.split('-');
  const ctx = await browser('zh');
  let page = await ctx.newPage();
  try {
    await logIn(page, 'sales');
    await openTask(page, env('DATE_TASK_ZH'), 'Sample taken');
    await claimed(page);
    await page.getByLabel(/On-site findings/).fill('Corners cracked where the pallet straps press on the frame.');
    await page.getByLabel(/Sample taken/).check();
    const dateInput = page.locator('.fjs-form-field-datetime input.flatpickr-input');
    await dateInput.waitFor();
    check(await dateInput.getAttribute('placeholder') === 'yyyy-mm-dd', `placeholder ${await dateInput.getAttribute('placeholder')}`);
    const zh = await calendar(page, dateInput);
    log(`calendar (zh): ${zh.month} · ${zh.weekdays.join(' ')}`);
    check(MONTHS_ZH.includes(zh.month), `the month is not named in Chinese: ${zh.month}`);
    check(zh.weekdays.join(' ') === '周日 周一 周二 周三 周四 周五 周六', `the weekdays are not Chinese: ${zh.weekdays}`);
    await page.screenshot({ path: join(out, 'refusal-date-picker-zh.png'), fullPage: true });
    await page.keyboard.press('Escape');

    log('complete without the date: refused at the date, in Chinese, the summary counts one place');
    await page.getByRole('button', { name: /^\s*完成\s*$/ }).click();
    const dateField = page.locator('.fjs-form-field-datetime');
    const refusal = dateField.locator('.qms-server-error');
    await refusal.waitFor();
    const said = (await refusal.innerText()).trim();
    check(said === '样品接收日期：已取样时必填', `the refusal at the date reads "${said}"`);
    const summary = page.locator('.qms-refusal-summary');
    check((await summary.innerText()).trim() === '有 1 处需要更正，见表单中的标记。', `summary: ${await summary.innerText()}`);
    // the refused date has the focus, but no calendar over its message
    await page.waitForTimeout(300);
    check(await page.locator('.flatpickr-calendar.open').count() === 0, 'the calendar covers the refusal');
    await page.screenshot({ path: join(out, 'refusal-date-zh.png'), fullPage: true });

    const ownFormat = `${y}/${Number(m)}/${Number(d)}`;
    log(`type the date in the picker's own format ${ownFormat}: the marking and the summary go`);
    await typeDate(page, dateInput, ownFormat);
    check(await dateInput.inputValue() === today, `"${ownFormat}" shows as "${await dateInput.inputValue()}"`);
    await summary.waitFor({ state: 'detached', timeout: 5000 });
    check(await dateField.locator('.qms-server-error').count() === 0, 'the date still shows the refusal');
    check(!(await dateField.evaluate((f) => f.classList.contains('fjs-has-errors'))), 'the date is still marked');
    log(`type the ISO date ${today}`);
    await typeDate(page, dateInput, today);
    check(await dateInput.inputValue() === today, `"${today}" shows as "${await dateInput.inputValue()}"`);
    await page.screenshot({ path: join(out, 'refusal-date-corrected-zh.png'), fullPage: true });
    await page.getByRole('button', { name: /^\s*完成\s*$/ }).click();
    await page.locator('.fjs-form').waitFor({ state: 'detached', timeout: 30000 });
    log('completed with the typed date');

    log('complete the improvement evidence without a file: refused at the evidence link, in Chinese');
    await page.close();
    page = await ctx.newPage();
    await openTask(page, env('EVIDENCE_TASK'), 'Evidence files');
    await claimed(page);
    await page.getByLabel(/Improvement evidence/).fill('Photos of 20 pallets packed with protectors');
    await page.getByRole('button', { name: /^\s*完成\s*$/ }).click();
    const atLink = page.locator('.fjs-form-field', { has: page.locator('a[href*="/evidence/"]') })
      .locator('.qms-server-error');
    await atLink.waitFor();
    const evidence = (await atLink.innerText()).trim();
    log(`at the evidence link: ${evidence}`);
    check(evidence.startsWith('证据文件：完成任务前') && evidence.includes('向客户报告的改善证据')
      && !/evidenceFiles|[a-z]{4,}/.test(evidence), `the evidence refusal reads "${evidence}"`);
    check(await atLink.isVisible(), 'the evidence refusal is not in view');
    const evidenceSummary = (await page.locator('.qms-refusal-summary').innerText()).trim();
    check(evidenceSummary === '有 1 处需要更正，见表单中的标记。', `summary: ${evidenceSummary}`);
    await page.screenshot({ path: join(out, 'refusal-evidence-zh.png'), fullPage: true });
  } catch (e) {
    await page.screenshot({ path: join(out, 'failure-refusals-zh.png'), fullPage: true }).catch(() => {});
    throw e;
  } finally {
    await ctx.close();
  }

  // English: the date picker as form-js builds it
  const en = await browser('en');
  page = await en.newPage();
  try {
    await logIn(page, 'sales');
    await openTask(page, env('DATE_TASK_EN'), 'Sample taken');
    await claimed(page);
    await page.getByLabel(/Sample taken/).check();
    const dateInput = page.locator('.fjs-form-field-datetime input.flatpickr-input');
    await dateInput.waitFor();
    check(await dateInput.getAttribute('placeholder') === 'mm/dd/yyyy', `placeholder ${await dateInput.getAttribute('placeholder')}`);
    const names = await calendar(page, dateInput);
    log(`calendar (en): ${names.month} · ${names.weekdays.join(' ')}`);
    check(MONTHS_EN.includes(names.month) && names.weekdays[1] === 'Mon', `the calendar is not English: ${names.month} ${names.weekdays}`);
    await page.screenshot({ path: join(out, 'refusal-date-picker-en.png'), fullPage: true });
    await page.keyboard.press('Escape');
    const us = `${Number(m)}/${Number(d)}/${y}`;
    await typeDate(page, dateInput, us);
    check(await dateInput.inputValue() === us, `"${us}" shows as "${await dateInput.inputValue()}"`);
  } catch (e) {
    await page.screenshot({ path: join(out, 'failure-refusals-en.png'), fullPage: true }).catch(() => {});
    throw e;
  } finally {
    await en.close();
  }
}

try {
  if (scenario === 'refusals') {
    await refusals();
  } else if (scenario === 'context') {
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
