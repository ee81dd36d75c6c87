// Browser test (driven by RegisterBrowserIT): a QA engineer signs in to Tasklist, opens the complaint
// register from Tasklist's header (which links all three registers), searches it by batch, finds the
// closed complaint, downloads the filtered list as Excel, saves the search as a view and finds it
// again after reloading, follows the row's link to the complaint's record page and downloads its PDF
// (saved as register-record.pdf for the IT to read); then the three registers and the record page are
// photographed in English and Chinese. Last, a manager signs in to Cockpit (in Chinese) and finds the
// registers in Cockpit's header.
// Uses the system Chromium (never downloads a browser). Settings come from the environment:
// BASE_URL, USER, PASSWORD, BATCH, COMPLAINT_NUMBER, OTHER_NUMBER, COCKPIT_USER, COCKPIT_PASSWORD,
// OUT_DIR, CHROMIUM.
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
const batch = env('BATCH');
const number = env('COMPLAINT_NUMBER');
const other = env('OTHER_NUMBER');
mkdirSync(out, { recursive: true });

const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'register-browser-')), {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  acceptDownloads: true,
  locale: 'en-US',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1500, height: 1000 },
});
context.setDefaultTimeout(30000);
const log = (text) => console.log(`[browser] ${text}`);
const fail = (text) => { throw new Error(text); };
let page;
let cockpit;
try {
  page = await context.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));

  log('sign in to Tasklist');
  await signIn(page, `${base}/camunda/app/tasklist/default/`, env('USER'), env('PASSWORD'));

  log('open the complaint register from Tasklist\'s header');
  for (const [href, text] of [['/complaints/', 'Complaint register'],
    ['/corrective-actions/', '8D register'], ['/changes/', 'Change register']]) {
    const shellLink = page.locator(`a.qms-shell-link[href="${href}"]`);
    await shellLink.waitFor();
    if ((await shellLink.innerText()).trim() !== text) {
      fail(`Tasklist's link to ${href} reads "${await shellLink.innerText()}", not ${text}`);
    }
  }
  await page.screenshot({ path: join(out, 'register-0-tasklist-links-en.png') });
  await page.locator('a.qms-shell-link[href="/complaints/"]').click();
  await page.waitForURL(`${base}/complaints/**`);
  await page.locator('#rows tbody tr').first().waitFor();
  const all = await page.locator('#rows tbody tr').count();
  log(`rows before the search: ${all}`);
  await page.screenshot({ path: join(out, 'register-1-complaints-en.png'), fullPage: true });

  log(`search by batch ${batch}`);
  await page.locator('input[name="q"]').fill(batch);
  await page.locator('#search').click();
  const row = page.locator(`#rows tbody tr[data-number="${number}"]`);
  await row.waitFor();
  await page.waitForFunction(() => document.querySelectorAll('#rows tbody tr').length === 1);
  if (await page.locator(`#rows tbody tr[data-number="${other}"]`).count() !== 0) {
    fail(`${other} (another batch) is listed`);
  }
  const text = (await row.innerText()).replace(/\s+/g, ' ');
  log(`found: ${text}`);
  if (!text.includes(batch) || !text.includes('Closed')) { fail(`row does not show batch and state: ${text}`); }
  if (!page.url().includes(`q=${encodeURIComponent(batch)}`)) { fail(`the address does not keep the search: ${page.url()}`); }
  const link = row.locator('a').first();
  const href = await link.getAttribute('href');
  if (href !== `/complaints/${number}`) { fail(`row links to ${href}`); }
  await page.screenshot({ path: join(out, 'register-2-search-by-batch-en.png'), fullPage: true });

  log('download the filtered list as Excel');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-xlsx').click()]);
  const file = join(out, 'register-search.xlsx');
  await download.saveAs(file);
  if (!download.suggestedFilename().match(/^complaints-\d{4}-\d{2}-\d{2}\.xlsx$/)) {
    fail(`download named ${download.suggestedFilename()}`);
  }
  log(`downloaded ${download.suggestedFilename()}`);

  log('save the search as a view, reload, apply it');
  await page.locator('#view-name').fill('Batch search');
  await page.locator('#view-save').click();
  await page.locator('#view-message', { hasText: 'Saved view Batch search' }).waitFor();
  await page.goto(`${base}/complaints/`);
  await page.locator('#view-select option', { hasText: 'Batch search' }).waitFor({ state: 'attached' });
  await page.locator('#view-select').selectOption({ label: 'Batch search' });
  await row.waitFor();
  if (await page.locator('input[name="q"]').inputValue() !== batch) { fail('the view did not restore the search'); }

  log('open the record page from the row');
  const [response] = await Promise.all([page.waitForNavigation(), row.locator('a').first().click()]);
  log(`record page ${href}: ${response ? response.status() : 'no response'}`);
  if (!response || response.status() !== 200) { fail(`the record page answered ${response && response.status()}`); }
  if (page.url() !== `${base}/complaints/${number}`) { fail(`the row led to ${page.url()}`); }
  const title = await page.locator('#title').innerText();
  if (!title.includes(`Complaint record ${number}`)) { fail(`record page title: ${title}`); }
  await page.screenshot({ path: join(out, 'register-3-record-en.png'), fullPage: true });

  log('download the record\'s PDF');
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.locator('#pdf').click()]);
  await pdf.saveAs(join(out, 'register-record.pdf'));
  if (pdf.suggestedFilename() !== `${number}-record.pdf`) { fail(`PDF named ${pdf.suggestedFilename()}`); }
  log(`downloaded ${pdf.suggestedFilename()}`);

  log('the registers in both languages');
  // the language the browser asks for, on every request of the page (pages and API calls)
  let acceptLanguage = 'en-US,en;q=0.9';
  await page.route('**/*', (route) => route.continue(
    { headers: { ...route.request().headers(), 'accept-language': acceptLanguage } }));
  for (const [language, header] of [['en', 'en-US,en;q=0.9'], ['zh', 'zh-CN,zh;q=0.9']]) {
    acceptLanguage = header;
    for (const register of ['complaints', 'corrective-actions', 'changes']) {
      await page.goto(`${base}/${register}/`);
      await page.locator('#summary').filter({ hasText: /\d/ }).waitFor();
      const title = await page.locator('h1.page-title').innerText();
      if (language === 'zh' && !/[\u4e00-\u9fff]/.test(title)) { fail(`${register} not in Chinese: ${title}`); }
      await page.screenshot({ path: join(out, `register-${register}-${language}.png`), fullPage: true });
    }
  }
  await page.goto(`${base}/complaints/?status=overdue`);
  await page.locator('#summary').filter({ hasText: /\d/ }).waitFor();
  await page.screenshot({ path: join(out, 'register-overdue-zh.png'), fullPage: true });
  await page.goto(`${base}/complaints/${number}`);
  const zhTitle = await page.locator('#title').innerText();
  if (!zhTitle.includes(`客诉记录 ${number}`)) { fail(`record page title in Chinese: ${zhTitle}`); }
  await page.screenshot({ path: join(out, 'register-3-record-zh.png'), fullPage: true });
  await page.unroute('**/*');

  log('a manager finds the registers in Cockpit\'s header, in Chinese');
  cockpit = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'register-cockpit-')), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    locale: 'zh-CN',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1500, height: 800 },
  });
  cockpit.setDefaultTimeout(30000);
  page = await cockpit.newPage();
  await signIn(page, `${base}/camunda/app/cockpit/default/`, env('COCKPIT_USER'), env('COCKPIT_PASSWORD'));
  for (const [href, text] of [['/complaints/', '客诉台账'], ['/corrective-actions/', '8D 台账'],
    ['/changes/', '变更台账']]) {
    const cockpitLink = page.locator(`a[href="${href}"]`).first();
    await cockpitLink.waitFor();
    if ((await cockpitLink.innerText()).trim() !== text) {
      fail(`Cockpit's link to ${href} reads "${await cockpitLink.innerText()}", not ${text}`);
    }
  }
  await page.screenshot({ path: join(out, 'register-4-cockpit-links-zh.png') });
  await Promise.all([page.waitForURL(`${base}/changes/**`), page.locator('a[href="/changes/"]').first().click()]);
  await page.locator('#summary').filter({ hasText: /\d/ }).waitFor();
  log('done');
} catch (e) {
  if (page) { await page.screenshot({ path: join(out, 'register-failure.png'), fullPage: true }).catch(() => {}); }
  console.error(e);
  process.exitCode = 1;
} finally {
  await context.close();
  if (cockpit) { await cockpit.close(); }
}
