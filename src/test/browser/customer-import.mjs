// Browser test (driven by CustomerImportBrowserIT): the sales manager imports a revenue file on the
// customer list /customers/.
// 1. In English: chooses "Yearly revenue", picks REVENUE_FILE (a CSV of the latest full year), runs
//    the check, sees the changes listed with old -> new and Import enabled, imports, sees the tier
//    changes (RISING goes to A, FALLING leaves A) and the list and the customer page showing the new
//    tiers. Prints "DRY_RUN_CHANGES=…", "TIER_CHANGES=…", "LIST_TIER=…", "PAGE_TIER=…".
// 2. In Chinese: a file with bad rows (BAD_FILE) lists every error with row and column, in Chinese,
//    and Import stays disabled; a PNG named .csv (FAKE_FILE) is refused at the file field, in
//    Chinese; a file checked before someone changed the archive (STALE_FILE, STALE_CUSTOMER, YEAR) is
//    refused by the import, which says so in Chinese. Prints "ZH_ERRORS=…", "ZH_FILE_ERROR=…",
//    "ZH_STALE=…".
// Screenshots customer-import-*.png in OUT_DIR. Uses the system Chromium (never downloads a
// browser). Environment: BASE_URL, REVENUE_FILE, BAD_FILE, FAKE_FILE, STALE_FILE, STALE_CUSTOMER,
// YEAR, RISING, FALLING, OUT_DIR, CHROMIUM.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const env = (name) => {
  const value = process.env[name];
  if (!value) { throw new Error(`environment variable ${name} is missing`); }
  return value;
};
const base = env('BASE_URL');
const out = env('OUT_DIR');
const rising = env('RISING');
const falling = env('FALLING');
mkdirSync(out, { recursive: true });
const log = (text) => console.log(`[browser] ${text}`);
const chinese = /[\u4e00-\u9fff]/;

async function signedIn(user, locale) {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'import-browser-')), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    locale,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 1000 },
  });
  context.setDefaultTimeout(30000);
  const page = await context.newPage();
  page.on('pageerror', (e) => { pageErrors.push(e.message); log(`page error: ${e.message}`); });
  // the Tasklist session the pages use, logged in over HTTP as Tasklist's login form does (this test
  // is about the customer page; loading Tasklist's scripts on a busy machine only adds time-outs):
  // the first GET sets the session and CSRF cookies, the login posts the token back
  const app = await context.request.get(`${base}/camunda/app/tasklist/default/`);
  const cookie = (await context.cookies()).find(c => c.name === 'XSRF-TOKEN');
  const token = app.headers()['x-xsrf-token'] || (cookie && cookie.value);
  const login = await context.request.post(`${base}/camunda/api/admin/auth/user/default/login/tasklist`, {
    form: { username: user, password: user },
    headers: token ? { 'X-XSRF-TOKEN': token } : {},
  });
  if (!login.ok()) {
    throw new Error(`login of ${user}: ${login.status()} ${await login.text()}`);
  }
  // the login renews the session; its first GET of the webapps gives it the CSRF token the pages
  // send with their changes (as Tasklist does after its login)
  await context.request.get(`${base}/camunda/api/admin/auth/user/default`);
  return { context, page };
}

async function listTier(page, code) {
  await page.locator('#q').fill(code);
  const row = page.locator('#list tbody tr.customer', { has: page.locator(`a[href="/customers/${code}"]`) });
  await row.waitFor();
  // the list answers as one types: wait until only the searched customer is left
  await page.waitForFunction(() => document.querySelectorAll('#list tbody tr.customer').length === 1);
  return (await row.locator('td').nth(4).innerText()).trim();
}

const pageErrors = [];
let session;
try {
  // ---- 1. English: check, import, see the tiers change
  session = await signedIn('salesmanager', 'en-US');
  let page = session.page;
  await page.goto(`${base}/customers/`);
  await page.locator('#import-form').waitFor();
  const before = await listTier(page, rising);
  log(`${rising} is tier ${before} before the import`);
  console.log(`LIST_TIER_BEFORE=${before}`);
  await page.locator('#q').fill('');
  // the whole list comes back and moves the import form down: wait for it, or a click on Check may
  // land where the button was (CI of 7 Dec: nothing checked, the form untouched)
  await page.waitForFunction(() => document.querySelectorAll('#list tbody tr.customer').length > 1);

  if ((await page.locator('#import-commit').isEnabled())) {
    throw new Error('Import is enabled before any check');
  }
  await page.locator('#import-kind').selectOption('revenue');
  const template = await page.locator('#template-csv').getAttribute('href');
  if (template !== '/api/customer-import/templates/revenue?format=csv') {
    throw new Error(`the CSV template link of the revenue file is ${template}`);
  }
  await page.locator('#import-file').setInputFiles(env('REVENUE_FILE'));
  await page.locator('#import-check').click();
  await page.locator('#import-result[data-state="checked"]').waitFor();
  const changes = page.locator('#import-changes tbody tr');
  const changeCount = await changes.count();
  const firstChange = (await changes.first().innerText()).replace(/\s+/g, ' ');
  log(`dry run: ${(await page.locator('#import-summary').innerText()).trim()}`);
  log(`first change: ${firstChange}`);
  console.log(`DRY_RUN_CHANGES=${changeCount}`);
  if (!firstChange.includes(`${rising}/`) || !firstChange.includes('→')) {
    throw new Error(`the change list does not show ${rising} old -> new: ${firstChange}`);
  }
  if (!(await page.locator('#import-commit').isEnabled())) {
    throw new Error('Import is not enabled after a check without errors');
  }
  await page.locator('#import').screenshot({ path: join(out, 'customer-import-1-dry-run-en.png') });

  await page.locator('#import-commit').click();
  await page.locator('#import-result[data-state="committed"]').waitFor();
  const tiers = page.locator('#import-tiers tbody tr.tier-change');
  const tierRows = [];
  for (let i = 0; i < await tiers.count(); i++) {
    tierRows.push((await tiers.nth(i).innerText()).replace(/\s+/g, ' ').trim());
  }
  log(`committed: ${(await page.locator('#import-summary').innerText()).trim()}`);
  console.log(`TIER_CHANGES=${tierRows.join('; ')}`);
  if (!tierRows.some(r => r.startsWith(rising) && r.includes('→ A'))
      || !tierRows.some(r => r.startsWith(falling) && r.includes('A →'))) {
    throw new Error(`the tier changes do not show ${rising} to A and ${falling} leaving A: ${tierRows}`);
  }
  if (await page.locator('#import-commit').isEnabled()) {
    throw new Error('Import is still enabled after the commit');
  }
  await page.locator('#import').screenshot({ path: join(out, 'customer-import-2-committed-en.png') });

  const after = await listTier(page, rising);
  console.log(`LIST_TIER=${after}`);
  await page.screenshot({ path: join(out, 'customer-import-3-list-en.png'), fullPage: true });
  await page.goto(`${base}/customers/${rising}`);
  const tier = page.locator('#m-tier').filter({ hasText: /\S/ });
  await tier.waitFor();
  console.log(`PAGE_TIER=${(await tier.innerText()).trim()}`);
  await page.screenshot({ path: join(out, 'customer-import-4-customer-en.png'), fullPage: true });
  await session.context.close();

  // ---- 2. Chinese: errors with row and column, a file that is not what its name says
  session = await signedIn('salesmanager', 'zh-CN');
  page = session.page;
  await page.goto(`${base}/customers/`);
  await page.locator('#import-form').waitFor();
  const heading = (await page.locator('#import h2').innerText()).trim();
  if (!chinese.test(heading)) {
    throw new Error(`the import panel is not in Chinese: ${heading}`);
  }
  await page.locator('#import-kind').selectOption('revenue');
  await page.locator('#import-file').setInputFiles(env('BAD_FILE'));
  await page.locator('#import-check').click();
  await page.locator('#import-result[data-state="errors"]').waitFor();
  const errors = page.locator('#import-errors tbody tr');
  const errorRows = [];
  for (let i = 0; i < await errors.count(); i++) {
    errorRows.push((await errors.nth(i).innerText()).replace(/\s+/g, ' ').trim());
  }
  console.log(`ZH_ERRORS=${errorRows.join('; ')}`);
  if (!errorRows.length || !errorRows.every(r => chinese.test(r))) {
    throw new Error(`the errors are not listed in Chinese: ${errorRows}`);
  }
  if (await page.locator('#import-commit').isEnabled()) {
    throw new Error('Import is enabled after a check with errors');
  }
  await page.locator('#import').screenshot({ path: join(out, 'customer-import-5-errors-zh.png') });

  await page.locator('#import-file').setInputFiles(env('FAKE_FILE'));
  await page.locator('#import-check').click();
  const fileError = page.locator('[data-error-for="file"]');
  await fileError.waitFor({ state: 'visible' });
  const fileMessage = (await fileError.innerText()).trim();
  console.log(`ZH_FILE_ERROR=${fileMessage}`);
  if (!chinese.test(fileMessage) || (await page.locator('#import-file').getAttribute('aria-invalid')) !== 'true') {
    throw new Error(`the refusal of the file is not at the file field in Chinese: ${fileMessage}`);
  }
  if (await page.locator('#import-result').isVisible()) {
    throw new Error('the result of the earlier check is still shown after the file was refused');
  }
  await page.screenshot({ path: join(out, 'customer-import-6-page-zh.png'), fullPage: true });

  // the archive changes between the check and the import: the import refuses and writes nothing
  await page.locator('#import-file').setInputFiles(env('STALE_FILE'));
  await page.locator('#import-check').click();
  await page.locator('#import-result[data-state="checked"]').waitFor();
  const csrf = await (await session.context.request.get(`${base}/api/evidence/csrf-token`)).json();
  const meanwhile = await session.context.request.put(`${base}/api/customers/${env('STALE_CUSTOMER')}/revenue/${env('YEAR')}`, {
    data: { revenue: 3000000 },
    headers: { [csrf.headerName]: csrf.token },
  });
  if (!meanwhile.ok()) {
    throw new Error(`changing the revenue meanwhile: ${meanwhile.status()} ${await meanwhile.text()}`);
  }
  await page.locator('#import-commit').click();
  await page.locator('#import-result[data-state="failed"]').waitFor();
  const stale = (await page.locator('#import-summary').innerText()).trim();
  console.log(`ZH_STALE=${stale}`);
  if (!chinese.test(stale) || await page.locator('#import-commit').isEnabled()) {
    throw new Error(`the refused import is not explained in Chinese or Import stays enabled: ${stale}`);
  }
  await page.locator('#import').screenshot({ path: join(out, 'customer-import-7-stale-zh.png') });
  await session.context.close();
  session = null;
  if (pageErrors.length) {
    throw new Error(`the page raised errors: ${pageErrors.join('; ')}`);
  }
} catch (e) {
  if (session) {
    await session.page.screenshot({ path: join(out, 'customer-import-failure.png'), fullPage: true }).catch(() => {});
    await session.context.close();
  }
  throw e;
}
