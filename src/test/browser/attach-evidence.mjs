// Browser test (driven by EvidenceBrowserIT): logs in to Tasklist, opens the evidence task, attaches a
// PNG on the upload page linked from the task's form, sees it listed, attaches and removes a wrong
// file, and completes the task.
// Uses the system Chromium (never downloads a browser). Settings come from the environment:
// BASE_URL, TASKLIST_USER, TASKLIST_PASSWORD, TASK_ID, COMPLAINT_NUMBER, STEP, FILE, FIELD_LABEL,
// FIELD_VALUE, OUT_DIR, CHROMIUM (default /usr/bin/chromium).
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { signIn } from './lib/login.mjs';

const env = (name) => {
  const value = process.env[name];
  if (!value) { throw new Error(`environment variable ${name} is missing`); }
  return value;
};
const base = env('BASE_URL');
const out = env('OUT_DIR');
const file = env('FILE');
const number = env('COMPLAINT_NUMBER');
const step = env('STEP');
mkdirSync(out, { recursive: true });

const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'evidence-browser-')), {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  // tall enough for the whole bilingual form: with the Complete button in the bottom strip of a 1000 px
  // window, Tasklist 7.24 in headless Chromium ignored the click (no submit-form request was sent)
  viewport: { width: 1400, height: 1400 },
});
context.setDefaultTimeout(30000);
const log = (text) => console.log(`[browser] ${text}`);
let page;
let upload;
try {
  page = await context.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));

  log('log in to Tasklist');
  await signIn(page, `${base}/camunda/app/tasklist/default/`, env('TASKLIST_USER'), env('TASKLIST_PASSWORD'));

  log('open the task');
  await page.goto(`${base}/camunda/app/tasklist/default/#/?task=${env('TASK_ID')}`);
  const link = page.locator(`a[href="/evidence/complaint/${number}/${step}"]`);
  await link.waitFor();
  await page.screenshot({ path: join(out, '1-task-form.png'), fullPage: true });

  log('claim it');
  await page.getByRole('button', { name: /^\s*Claim\s*$/ }).click();
  // the form's fields become editable once the task is claimed (fill() below waits for that)

  log('attach the file on the upload page');
  [upload] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await upload.waitForLoadState();
  await upload.locator('#file').setInputFiles(file);
  await upload.locator('#send').click();
  const row = upload.locator('tr.attachment', { hasText: basename(file) });
  await row.waitFor();
  await upload.locator('#message.ok').waitFor();
  await upload.screenshot({ path: join(out, '2-upload-page.png'), fullPage: true });
  log(`listed: ${(await row.innerText()).replace(/\s+/g, ' ')}`);
  const download = await upload.request.get(new URL(await row.locator('a').getAttribute('href'), upload.url()).href);
  if (download.status() !== 200 || download.headers()['x-content-type-options'] !== 'nosniff') {
    throw new Error(`download answered ${download.status()} ${JSON.stringify(download.headers())}`);
  }

  log('attach a wrong file and remove it again');
  const wrong = join(out, 'wrong-file.txt');
  writeFileSync(wrong, 'uploaded by mistake\n');
  await upload.locator('#file').setInputFiles(wrong);
  await upload.locator('#send').click();
  const wrongRow = upload.locator('tr.attachment', { hasText: 'wrong-file.txt' });
  await wrongRow.waitFor();
  await wrongRow.getByRole('button', { name: 'Remove' }).click();
  await wrongRow.waitFor({ state: 'detached' });
  await upload.locator('#message.ok', { hasText: 'Removed wrong-file.txt' }).waitFor();
  if (await upload.locator('tr.attachment').count() !== 1) { throw new Error('expected exactly the photo to be left'); }
  await upload.close();

  log('fill the form and complete the task');
  await page.bringToFront();
  await page.getByLabel(env('FIELD_LABEL')).fill(env('FIELD_VALUE'));
  await page.getByRole('button', { name: /^\s*Complete\s*$/ }).click();
  await link.waitFor({ state: 'detached' });
  await page.screenshot({ path: join(out, '3-completed.png'), fullPage: true });
  log('completed');
} catch (e) {
  if (page) { await page.screenshot({ path: join(out, 'failure.png'), fullPage: true }).catch(() => {}); }
  if (upload && !upload.isClosed()) {
    await upload.screenshot({ path: join(out, 'failure-upload-page.png'), fullPage: true }).catch(() => {});
    console.error(`[browser] upload page says: ${await upload.locator('#message').innerText().catch(() => '?')}`);
  }
  console.error(`[browser] FAILED: ${e.stack || e}`);
  process.exitCode = 1;
} finally {
  await context.close();
}
