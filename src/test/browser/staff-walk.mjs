// Browser test (driven by StaffWalkBrowserIT): the whole minor path of one complaint, every step done
// in the web interface by a user of the step's real group (issue 18, "Done when"):
//  - the clerk registers the complaint on "Register a complaint" (登记客诉), reached from Tasklist;
//  - each of the 14 user tasks is found in "My group's tasks" by the complaint number, opened,
//    claimed, its context checked (key facts, plant time, no raw ISO times or codes), on several
//    steps first submitted wrong (the refusal must stand at its field, in the browser's language,
//    and not as a notification), then filled and completed;
//  - the two evidence steps get a file on the upload page linked from the form;
//  - at "Reply in writing" the sales rep sends the reply from the complaint's record page;
//  - the record page finally shows the complaint closed, in English and in Chinese.
// Steps alternate between an English and a Chinese browser (zh-CN), both in a time zone that is not
// the plant's, so plant time is checked. Screenshots walk-<nn>-<step>-<lang>[-refused].png.
// Uses the system Chromium (never downloads a browser). Environment: BASE_URL, OUT_DIR, CHROMIUM,
// FILE (a PNG), TODAY (yyyy-MM-dd in plant time), BATCH, DEFECT (optional, default BREAKAGE).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { myGroupsTasks, signIn, tasklistFilters } from './lib/login.mjs';

const env = (name) => {
  const value = process.env[name];
  if (!value) { throw new Error(`environment variable ${name} is missing`); }
  return value;
};
const base = env('BASE_URL');
const out = env('OUT_DIR');
const today = env('TODAY');
const batch = env('BATCH');
// the defect of the complaint (optional): a customer's third complaint of one defect within a year
// is serious, so a server that keeps its data needs another defect for each further walk
const defect = process.env.DEFECT || 'BREAKAGE';
mkdirSync(out, { recursive: true });
let step = 'start';
let taskNr = 0;
let stepLang = 'en';
const log = (text) => console.log(`[browser walk ${step}] ${text}`);
const check = (condition, message) => { if (!condition) { throw new Error(message); } };
const started = Date.now();

const CUSTOMER = 'Tianrun Components';
const ISO_UTC = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const PLANT_TIME = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/;
const NOTICE = /error happened while submitting|提交任务表单时出错|Cannot submit task form|无法提交/;
const TEXT = {
  en: { claim: /^\s*Claim\s*$/, complete: /^\s*Complete\s*$/, required: /Field is required/,
    minLength: (n) => new RegExp(`minimum length of ${n}`) },
  zh: { claim: /^\s*认领\s*$/, complete: /^\s*完成\s*$/, required: /必填项/,
    minLength: (n) => new RegExp(`至少 ${n} 个字符`) },
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// one signed-in browser (context and Tasklist page) per user and language, kept for the user's later
// steps: Tasklist is loaded once per user and language
const sessions = new Map();
async function session(user, lang) {
  const key = `${user}-${lang}`;
  if (!sessions.has(key)) {
    const context = await browser.newContext({
      locale: lang === 'zh' ? 'zh-CN' : 'en-US',
      // the browser's zone is not the plant's: everything must still be shown in plant time
      timezoneId: 'Europe/Berlin',
      // tall enough for the whole bilingual forms (see attach-evidence.mjs)
      viewport: { width: 1400, height: 1400 },
    });
    context.setDefaultTimeout(45000);
    const page = await newPage(context);
    log(`sign in to Tasklist as ${user} (${lang})`);
    await signIn(page, `${base}/camunda/app/tasklist/default/`, user, user, log);
    sessions.set(key, { context, page });
  }
  return sessions.get(key);
}

async function newPage(context) {
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 500) { log(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`); } });
  return page;
}

/** (Re)loads Tasklist; a busy machine may fail to load a module the first time: loaded again. */
const loadTasklist = (page) => tasklistFilters(page, `${base}/camunda/app/tasklist/default/`, log, true);

// --- form-js fields ------------------------------------------------------------------------------

const field = (page, label) => page.locator('.fjs-form-field')
  .filter({ has: page.locator('label.fjs-form-field-label', { hasText: label }) }).first();
const input = (page, label) => field(page, label).locator('textarea, input:not([type=hidden])').first();

async function fill(page, label, value) {
  await input(page, label).fill(String(value));
}

async function choose(page, label, option) {
  const f = field(page, label);
  const item = f.locator('.fjs-dropdownlist-item', { hasText: option }).first();
  // A refused field has the focus, which may have opened its list already, and on a busy machine
  // the list may open seconds after the click: a click while it is open would close it. So the
  // field is clicked only while its list is closed, in at most eight looks of 5 s.
  for (let attempt = 1; attempt <= 8 && !(await item.isVisible()); attempt++) {
    if (!(await f.locator('.fjs-dropdownlist').isVisible())) {
      if (attempt > 1) {
        log(`${label}: its list did not open, clicked again (${attempt})`);
      }
      await f.locator('.fjs-input-group').click();
    }
    try {
      await item.waitFor({ timeout: 5000 });
    } catch (e) {
      // looked at again above
    }
  }
  await item.click();
  const shown = await f.locator('.fjs-select-display').innerText();
  check(shown.includes(option), `${label}: shows "${shown}" instead of "${option}"`);
}

async function radio(page, label, option) {
  await field(page, label).locator('label', { hasText: option }).first().click();
}

async function tick(page, label, checked = true) {
  const box = field(page, label).locator('input[type=checkbox]');
  // form-js may draw the field again right after a click (seen once on a busy machine): tried again
  for (let attempt = 1; ; attempt++) {
    try {
      await box.setChecked(checked);
      return;
    } catch (e) {
      if (attempt === 3) { throw e; }
      log(`${label}: ${e.message.split('\n')[0]}, again`);
    }
  }
}

/**
 * A form-js date field, typed as the browser's language shows dates (en: M/D/YYYY, zh: YYYY/M/D),
 * the picker closed again. `iso` is yyyy-MM-dd.
 */
async function date(page, label, iso) {
  const [y, m, d] = iso.split('-');
  // the Chinese interface reads and shows ISO dates (scripts/date-picker.js), the English one US dates
  const typed = stepLang === 'zh' ? iso : `${Number(m)}/${Number(d)}/${y}`;
  const box = input(page, label);
  await box.click();
  await box.fill(typed);
  await box.press('Enter');
  await page.locator('.fjs-container h3').first().click();
  await page.locator('.flatpickr-calendar.open').waitFor({ state: 'detached' }).catch(() => {});
  const shown = await box.inputValue();
  check(shown === typed, `${label}: shows "${shown}" after typing "${typed}"`);
}

// --- the task -----------------------------------------------------------------------------------

/** Opens Tasklist, "My group's tasks", finds the step of the complaint by its number and claims it. */
async function openTask(page, lang, number, taskName) {
  const item = page.locator('.tasks-list li.task', { hasText: number }).filter({ hasText: taskName });
  // the step is created by the job executor after the previous step's save point: give it time,
  // looking again (the list does not refresh itself)
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1 || !(await myGroupsTasks(page).isVisible())) {
      await loadTasklist(page);
    }
    await myGroupsTasks(page).click();
    try {
      await item.waitFor({ timeout: 20000 });
      break;
    } catch (e) {
      if (attempt === 6) { throw new Error(`"${taskName}" of ${number} is not in the group's list`); }
      log(`"${taskName}" is not listed yet (look ${attempt}), looking again`);
    }
  }
  const card = (await item.innerText()).replace(/\s+/g, ' ');
  check(card.includes(CUSTOMER), `the list does not show the customer: ${card}`);
  // the severity exists from the analysis on
  check(taskNr <= 3 || card.includes('Minor (一般)'), `the list does not show the severity: ${card}`);
  await item.locator('h4 a, .names a').first().click();
  await page.locator('.fjs-form').waitFor();
  await page.locator('.fjs-container', { hasText: number }).waitFor();
  const claim = page.getByRole('button', { name: TEXT[lang].claim });
  await claim.click();
  await page.waitForFunction(() => [...document.querySelectorAll('.fjs-form textarea, .fjs-form input')]
    .some((f) => !f.disabled && !f.readOnly && f.type !== 'hidden'));
  return page.locator('.fjs-container').innerText();
}

function checkContext(text, lang, must, mustNot = []) {
  for (const expected of must) {
    check(expected instanceof RegExp ? expected.test(text) : text.includes(expected),
      `the form (${lang}) does not show "${expected}":\n${text}`);
  }
  for (const unexpected of mustNot) {
    check(!(unexpected instanceof RegExp ? unexpected.test(text) : text.includes(unexpected)),
      `the form (${lang}) shows "${unexpected}":\n${text}`);
  }
  check(!ISO_UTC.test(text), `the form (${lang}) shows a raw ISO time:\n${text}`);
  check(!/\bnull\b|\bundefined\b/.test(text), `the form (${lang}) shows null or undefined:\n${text}`);
}

/** The Chinese interface: Tasklist's own texts around the form are Chinese. */
async function chineseInterface(page) {
  const body = await page.locator('body').innerText();
  for (const english of [/\bClaim\b/, /\bUnclaim\b/, /\bSelect\b/, /\bin \d+ (hours|days|minutes)\b/, /\bago\b/, /Due in/,
    /\bComplete\b/, /Field is required/, /fields? needs? to be corrected/, /entr(y|ies) needs? to be corrected/]) {
    check(!english.test(body), `the Chinese interface shows "${english}":\n${body}`);
  }
}

async function complete(page, lang) {
  // the messages of an earlier refusal stay until the next answer: only new messages at fields count
  await page.locator('.fjs-form-field-error li').evaluateAll((items) => items.forEach((i) => { i.dataset.walkSeen = 'true'; }));
  await page.getByRole('button', { name: TEXT[lang].complete }).click();
  const refused = page.locator('.fjs-form-field-error li:not([data-walk-seen])');
  await Promise.race([
    page.locator('.fjs-form').waitFor({ state: 'detached', timeout: 60000 }),
    refused.first().waitFor({ timeout: 60000 }).then(async () => {
      throw new Error(`the submission was refused: ${(await refused.allInnerTexts()).join(' | ')}`);
    }),
  ]);
  log(`completed (${Math.round((Date.now() - started) / 1000)} s)`);
}

/**
 * Submits, expects the refusal under the field `label` matching `message` (server refusals stand in
 * .qms-server-error, the form's own checks in .fjs-form-field-error) and no notification.
 */
async function expectRefusal(page, lang, label, message, shot) {
  await page.getByRole('button', { name: TEXT[lang].complete }).click();
  const error = field(page, label).locator('.fjs-form-field-error').filter({ hasText: message });
  try {
    await error.first().waitFor();
  } catch (e) {
    throw new Error(`no refusal "${message}" at "${label}"; messages: `
      + (await page.locator('.fjs-form-field-error, .qms-refusal-summary, .alert').allInnerTexts()).join(' | '));
  }
  const text = (await error.first().innerText()).trim();
  log(`refused at "${label}": ${text}`);
  if (lang === 'zh') {
    check(/[\u4e00-\u9fff]/.test(text) && !/\b(is|must|required|Field)\b/.test(text), `the refusal is not Chinese: ${text}`);
  }
  // it is not (only) a notification: Tasklist's notice is gone, the field's message is in view
  await page.locator('.page-notifications .alert', { hasText: NOTICE }).waitFor({ state: 'detached' });
  check(await error.first().isVisible(), `the refusal at "${label}" is not visible`);
  await page.screenshot({ path: `${shot}-refused.png`, fullPage: true });
  return text;
}

async function attachFile(page, number, taskKey) {
  const upload = await page.context().newPage();
  await upload.goto(`${base}/evidence/complaint/${number}/${taskKey}`);
  await upload.locator('#file').setInputFiles(env('FILE'));
  await upload.locator('#send').click();
  await upload.locator('tr.attachment', { hasText: basename(env('FILE')) }).waitFor();
  await upload.close();
  log(`attached ${basename(env('FILE'))} to ${taskKey}`);
}

/** Runs one step: open from the group's list, check the context, act, screenshot, complete. */
async function task(nr, user, lang, number, taskName, must, act, mustNot = []) {
  taskNr = nr;
  stepLang = lang;
  step = `${String(nr).padStart(2, '0')}-${taskName.split(' (')[0].toLowerCase().replace(/\s+/g, '-')}-${lang}`;
  const { page } = await session(user, lang);
  try {
    log(`${user} opens "${taskName}" from the group's list`);
    const text = await openTask(page, lang, number, taskName);
    checkContext(text, lang, [number, CUSTOMER, 'tier 等级 B', ...must], mustNot);
    if (lang === 'zh') { await chineseInterface(page); }
    await act(page, text, `${out}/walk-${step}`);
    await page.screenshot({ path: join(out, `walk-${step}.png`), fullPage: true });
    await complete(page, lang);
  } catch (e) {
    await page.screenshot({ path: join(out, `failure-walk-${step}.png`), fullPage: true }).catch(() => {});
    throw e;
  }
}

// --- the walk -----------------------------------------------------------------------------------

async function register() {
  step = '00-register-en';
  const { page } = await session('clerk', 'en');
  try {
    log('follow "Register a complaint" from Tasklist\'s header');
    await page.locator('a.qms-shell-link[href="/complaints/new"]').click();
    await page.waitForURL('**/complaints/new');
    await page.locator('#customer-search').fill('C010');
    await page.locator('#customer-options li[role="option"]', { hasText: CUSTOMER }).click();
    await page.locator('#customer-card').waitFor();
    await page.locator('#contacts label', { hasText: 'Purchasing C010' }).locator('input').check();
    await page.locator('#channel').selectOption('email');
    await page.locator('#category').selectOption('quality');
    await page.locator('#defect-search').fill(defect);
    await page.locator('#defect-options li[role="option"]', { hasText: defect }).first().click();
    await page.locator('#productName').fill('Mono PERC module 550 W');
    await page.locator('#productModel').fill('M550-144');
    await page.locator('#batchNumber').fill(batch);
    await page.locator('#productionDate').fill('2026-01-15');
    await page.locator('#quantityPurchased').fill('1000');
    await page.locator('#quantityDefective').fill('10');
    await page.locator('#description').fill('Ten modules arrived with cracked glass at the corners.');
    await page.locator('#submit').click();
    await page.locator('#confirmation').waitFor({ state: 'visible' });
    const number = await page.locator('#confirmation').getAttribute('data-number');
    check(/^CC-\d{4}-\d+$/.test(number || ''), `no complaint number: ${number}`);
    await page.screenshot({ path: join(out, `walk-${step}.png`), fullPage: true });
    log(`registered ${number}`);
    console.log(`COMPLAINT_NUMBER=${number}`);
    return number;
  } catch (e) {
    await page.screenshot({ path: join(out, `failure-walk-${step}.png`), fullPage: true }).catch(() => {});
    throw e;
  }
}

const addDays = (iso, days) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
};

async function sendReply(number) {
  const page = await newPage((await session('sales', 'en')).context);
  try {
    log('the sales rep sends the reply from the record page');
    await page.goto(`${base}/complaints/${number}#send-reply`);
    await page.locator('#send-reply').waitFor();
    const to = await page.locator('#reply-to').innerText();
    check(to.includes('purchasing@c010.example.com'), `recipient: ${to}`);
    const draft = await page.locator('#reply-text').inputValue();
    check(draft.includes(number), `the draft does not name the number: ${draft}`);
    await page.locator('#reply-text').fill(`Dear purchasing team,\n\nthe cause of complaint ${number} is found and corrected: `
      + 'corner protectors were missing at packing line 3.\n\nKind regards,\nSam Sales');
    const files = page.locator('#send-reply input[name="attachments"]');
    if (await files.count() > 0) { await files.first().check(); }
    await page.locator('#reply-reviewed').check();
    await page.locator('#reply-send').click();
    await page.locator('#sent-reply').waitFor();
    const sentTo = await page.locator('#sent-to').innerText();
    check(sentTo.includes('purchasing@c010.example.com'), `sent to: ${sentTo}`);
    await page.locator('#sent-reply').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(out, `walk-${step}-reply-sent.png`), fullPage: true });
    log('reply sent');
  } finally {
    await page.close();
  }
}

async function closedRecord(number) {
  step = '15-record';
  for (const lang of ['en', 'zh']) {
    const page = await newPage((await session('clerk', lang)).context);
    try {
      const closed = lang === 'zh' ? '已结案' : 'Closed';
      for (let attempt = 1; ; attempt++) {
        await page.goto(`${base}/complaints/${number}`);
        const status = (await page.locator('#status').innerText()).trim();
        if (status === closed) { break; }
        check(attempt < 12, `the record page shows "${status}", not "${closed}"`);
        log(`record page: "${status}", looking again`);
        await page.waitForTimeout(5000);
      }
      const title = await page.locator('#title').innerText();
      check(title.includes(number), `title: ${title}`);
      const steps = await page.locator('#timeline tr.step').count();
      log(`record page (${lang}): closed, ${steps} steps`);
      check(steps >= 15, `only ${steps} steps in the record`);
      await page.screenshot({ path: join(out, `walk-16-record-closed-${lang}.png`), fullPage: true });
    } finally {
      await page.close();
    }
  }
}

async function walk() {
  const number = await register();

  await task(1, 'clerk', 'zh', number, 'Confirm complaint (与客户确认投诉)',
    ['Mono PERC module 550 W', batch, 'Product quality (质量投诉)', 'E-mail (邮件)', 'Purchasing C010',
      /received \(接收于\) \d{4}-\d{2}-\d{2} \d{2}:\d{2}/, 'Ten modules arrived with cracked glass'],
    async (page, text, shot) => {
      await choose(page, 'Confirmation method', 'E-mail (邮件)');
      await fill(page, 'Confirmed items', '1. cracked glass at corners; 2. ten modules on pallet 7');
      await fill(page, 'Extent of the defect', '10 of 1000 modules of one pallet');
      log('without the defect trend: refused at the field, in Chinese');
      await expectRefusal(page, 'zh', 'Defect trend', TEXT.zh.required, shot);
      await choose(page, 'Defect trend', 'Isolated case (个别现象)');
    }, [' quality · ', 'received via email']);

  await task(2, 'sales', 'en', number, 'Investigate on site (现场调查取样)',
    ['cracked glass at corners; 2. ten modules on pallet 7', '10 of 1000 modules of one pallet'],
    async (page, text, shot) => {
      await fill(page, 'On-site findings', 'Corners cracked where the pallet straps press on the frame.');
      await tick(page, 'Sample taken');
      log('a sample taken without its date: refused by the server at the date, in English');
      await expectRefusal(page, 'en', 'Sample received on', /required when a sample was taken/, shot);
      await date(page, 'Sample received on', today);
    });

  await task(3, 'quality', 'zh', number, 'Analyse validity and cause (分析投诉成立与原因)',
    ['Corners cracked where the pallet straps press on the frame.', '10 of 1000 modules of one pallet · Isolated case (个别现象)'],
    async (page, text, shot) => {
      await radio(page, 'Is the complaint valid?', 'Valid – the complaint is justified (成立)');
      await fill(page, 'Confirmed defect code', 'NO-SUCH-CODE');
      await fill(page, 'Cause analysis', 'Corner protectors missing at packing line 3 since the shift change.');
      await choose(page, 'Responsibility', 'Product quality – our responsibility (产品质量)');
      await choose(page, 'Origin of the cause', 'Own plant (本厂)');
      await choose(page, 'Responsible department', 'Production (生产部)');
      await fill(page, 'Compensation amount', '0');
      log('a defect code not in the catalog: refused by the server at the field, in Chinese');
      await expectRefusal(page, 'zh', 'Confirmed defect code', /不在缺陷代码目录中/, shot);
      await fill(page, 'Confirmed defect code', defect);
    });

  await task(4, 'qualitymanager', 'en', number, 'Review minor severity (复核一般投诉)',
    ['minor (一般)', 'Corner protectors missing at packing line 3', 'Own plant (本厂)',
      'Confirm complaint (与客户确认投诉)', PLANT_TIME],
    async (page, text, shot) => {
      await tick(page, 'Raise to serious');
      log('raised without a reason: refused by the server at the reason, in English');
      await expectRefusal(page, 'en', 'Reason for raising', /required when the complaint is raised to serious/, shot);
      await tick(page, 'Raise to serious', false);
    }, ['ownPlant', 'productQuality']);

  await task(5, 'sales', 'zh', number, 'Commit improvement date (向客户承诺改善日期)',
    [/Proposed by the responsible department \(责任部门建议\):\s*\d{4}-\d{2}-\d{2}/],
    async (page, text, shot) => {
      const proposed = text.match(/责任部门建议\):\s*(\d{4}-\d{2}-\d{2})/)[1];
      log(`proposed ${proposed}: a later date without the customer's consent is refused, in Chinese`);
      await date(page, 'Committed improvement date', addDays(proposed, 7));
      await expectRefusal(page, 'zh', 'Customer consent reference', /日期晚于 .* 时必填/, shot);
      check(await field(page, 'The customer agreed to a later date').locator('.qms-server-error').isVisible(),
        'no refusal at the consent checkbox');
      await date(page, 'Committed improvement date', proposed);
    });

  await task(6, 'quality', 'en', number, 'Contain suspect stock (围堵可疑库存)',
    ['Cause analysis: it defines the suspect period', 'Corner protectors missing at packing line 3',
      'On-site findings (现场调查结果)', defect],
    async (page, text, shot) => {
      await date(page, 'Suspect period from', '2026-01-20');
      await date(page, 'Suspect period to', '2026-01-10');
      await fill(page, 'Finished stock isolated', '400');
      await fill(page, 'Work in progress isolated', '50');
      await fill(page, 'Incoming material isolated', '0');
      await fill(page, 'Re-inspection result', 'No further cracked modules among 450 re-inspected.');
      log('a suspect period ending before it starts: refused by the server at its end, in English');
      await expectRefusal(page, 'en', 'Suspect period to', /must not be before its start/, shot);
      await date(page, 'Suspect period from', '2026-01-10');
      await date(page, 'Suspect period to', '2026-01-20');
    });

  await task(7, 'production', 'zh', number, 'Correct nonconformity (纠正不合格)',
    ['Corner protectors missing at packing line 3', 'Own plant (本厂)', defect,
      /Committed improvement date \(承诺改善日期\):\s*\d{4}-\d{2}-\d{2}/],
    async (page, text, shot) => {
      await fill(page, 'Corrective actions', 'Protectors added');
      await date(page, 'Completed on', today);
      log('too short corrective actions: refused at the field, in Chinese');
      // the form's own check: the message stands at the field as soon as it is left, and Complete is disabled
      await input(page, 'Corrective actions').blur();
      const message = field(page, 'Corrective actions').locator('.fjs-form-field-error').filter({ hasText: TEXT.zh.minLength(20) });
      await message.waitFor();
      log(`at "Corrective actions": ${(await message.innerText()).trim()}`);
      check(!/Field must/.test(await message.innerText()), 'the message is not (only) Chinese');
      check(await page.getByRole('button', { name: TEXT.zh.complete }).isDisabled(), '完成 is still enabled');
      await page.screenshot({ path: `${shot}-refused.png`, fullPage: true });
      await fill(page, 'Corrective actions', 'Corner protectors added to the packing instruction of line 3.');
    }, ['ownPlant']);

  await task(8, 'sales', 'en', number, 'Collect improvement evidence (收集改善证据)',
    ['Corner protectors added to the packing instruction of line 3.', /Completed on \(完成日期\):\s*\d{4}-\d{2}-\d{2}/],
    async (page, text, shot) => {
      await fill(page, 'Improvement evidence', 'Photos of 20 pallets packed with protectors');
      log('without a file: refused at the evidence link, saying what to attach, in English');
      await page.getByRole('button', { name: TEXT.en.complete }).click();
      const atLink = page.locator('.fjs-form-field', { has: page.locator('a[href*="/evidence/"]') })
        .locator('.qms-server-error');
      await atLink.waitFor();
      const said = await atLink.innerText();
      log(`refused: ${said.replace(/\s+/g, ' ')}`);
      check(/attach at least one file/.test(said) && !/evidenceFiles/.test(said), `the refusal does not ask for a file: ${said}`);
      const summary = await page.locator('.qms-refusal-summary').innerText();
      check(!/\bfields?\b/.test(summary), `the summary speaks of a field: ${summary}`);
      await page.screenshot({ path: `${shot}-refused.png`, fullPage: true });
      await attachFile(page, number, 'userTaskCollectImprovementEvidence');
    });

  await task(9, 'quality', 'zh', number, 'Verify effectiveness (验证改善效果)',
    ['Corrective actions (纠正措施): Corner protectors added to the packing instruction of line 3.',
      'Improvement evidence (改善证据): Photos of 20 pallets', 'Contain suspect stock (围堵可疑库存)'],
    async (page, text, shot) => {
      await radio(page, 'Are the actions effective?', 'Effective (有效)');
      await fill(page, 'Verification evidence', 'Two weeks of shipments without breakage.');
      await attachFile(page, number, 'userTaskVerifyEffectiveness');
    }, ['Root cause (根本原因)', 'Permanent actions (永久措施)']);

  await task(10, 'sales', 'en', number, 'Reply in writing (书面回复客户)',
    ['Valid (成立)', 'Corner protectors missing at packing line 3',
      'Corner protectors added to the packing instruction of line 3.', 'Review the draft and send it'],
    async (page, text, shot) => {
      await sendReply(number);
      await fill(page, 'Summary of the written reply', 'Cause, correction and verification as in the sent mail.');
      await fill(page, 'Reply document', 'Mail to purchasing@c010.example.com, kept in the record');
      await date(page, 'Reply sent on', today);
    }, [/Validity \(投诉是否成立\):\s*valid\b/]);

  await task(11, 'sales', 'zh', number, "Record customer's decision (记录客户决定)",
    ['Cause, correction and verification as in the sent mail.'],
    async (page, text, shot) => {
      await radio(page, "Customer's decision", 'Accepts the reply (接受答复)');
      await choose(page, 'How the customer answered', 'Phone (电话)');
    });

  await task(11, 'sales', 'zh', number, 'Follow up after delivery (交货后跟踪)',
    ['Cause, correction and verification as in the sent mail.', 'Corner protectors added'],
    async (page, text, shot) => {
      await radio(page, 'Countermeasure at the customer', 'Works – the problem no longer occurs (有效)');
      await fill(page, 'Follow-up note', 'Customer received two corrected shipments without breakage.');
      log('quality not informed: refused by the server at the checkbox, in Chinese');
      await expectRefusal(page, 'zh', 'Quality department informed', /必须勾选/, shot);
      await tick(page, 'Quality department informed');
    });

  await task(12, 'quality', 'en', number, 'Assess process stability (评估过程稳定性)',
    ['Corner protectors added to the packing instruction of line 3.', 'Two weeks of shipments without breakage.'],
    async (page, text, shot) => {
      await fill(page, 'Evidence (依据)', 'SPC of packing damage within limits for four weeks.');
      log('no choice of stability: refused at the field, in English');
      await expectRefusal(page, 'en', 'Is the process stable?', TEXT.en.required, shot);
      await radio(page, 'Is the process stable?', 'Stable (稳定)');
    });

  await task(13, 'quality', 'zh', number, 'Standardise improvement (改善标准化)',
    ['Corner protectors added to the packing instruction of line 3.'],
    async (page) => {
      await fill(page, 'Revised documents', 'WI-PK-003 rev C');
    }, ['Permanent actions (永久措施)']);

  await task(14, 'clerk', 'en', number, 'Archive complaint records (投诉记录归档)',
    ['Record summary', 'Verify effectiveness (验证改善效果)', 'Product quality (质量投诉)', 'E-mail (邮件)',
      /Steps done: 14/, /received \(接收于\) \d{4}-\d{2}-\d{2} \d{2}:\d{2}/, 'Open the full record'],
    async (page, text, shot) => {
      await fill(page, 'Archive location', 'QA archive cabinet 3 / 2026');
      log('records not confirmed complete: refused by the server at the checkbox, in English');
      await expectRefusal(page, 'en', 'All complaint records are complete', /must be checked before archiving/, shot);
      await tick(page, 'All complaint records are complete');
    }, ['received via email', 'ownPlant']);

  await closedRecord(number);
  log(`walked in ${Math.round((Date.now() - started) / 1000)} s`);
}

try {
  await walk();
} catch (e) {
  console.error(`[browser walk ${step}] FAILED: ${e.stack || e}`);
  process.exitCode = 1;
} finally {
  for (const { context } of sessions.values()) { await context.close().catch(() => {}); }
  await browser.close();
}
