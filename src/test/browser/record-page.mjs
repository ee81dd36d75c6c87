// Browser test (driven by RecordPageBrowserIT): a QA engineer logs in to Tasklist, opens a closed
// complaint's record page in English and in Chinese, narrows the timeline to late steps, and downloads
// the complaint's PDF from the page.
// Uses the system Chromium (never downloads a browser). Settings come from the environment:
// BASE_URL, TASKLIST_USER, TASKLIST_PASSWORD, COMPLAINT_NUMBER, EIGHT_D_NUMBER (optional: the 8D
// report page is shot too), OUT_DIR, CHROMIUM.
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
const number = env('COMPLAINT_NUMBER');
mkdirSync(out, { recursive: true });

const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'record-browser-')), {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  acceptDownloads: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1300, height: 1000 },
});
context.setDefaultTimeout(30000);
const log = (text) => console.log(`[browser] ${text}`);
let page;
try {
  page = await context.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));

  log('log in to Tasklist');
  await signIn(page, `${base}/camunda/app/tasklist/default/`, env('TASKLIST_USER'), env('TASKLIST_PASSWORD'));

  log('open the record page in English');
  await page.setExtraHTTPHeaders({ 'Accept-Language': 'en-US,en;q=0.9' });
  await page.goto(`${base}/complaints/${number}`);
  const title = await page.locator('#title').innerText();
  if (!title.includes(`Complaint record ${number}`)) { throw new Error(`title: ${title}`); }
  const steps = await page.locator('#timeline tr.step').count();
  if (steps < 10) { throw new Error(`only ${steps} steps in the timeline`); }
  await page.locator('#shown', { hasText: `${steps} steps` }).waitFor();
  await page.screenshot({ path: join(out, 'record-page-en.png'), fullPage: true });

  log('only late or escalated steps');
  await page.locator('#only-flagged').check();
  const visible = await page.locator('#timeline tr.step:visible').count();
  const flagged = await page.locator('#timeline tr.step.flagged').count();
  if (visible !== flagged) { throw new Error(`${visible} rows shown, ${flagged} late or escalated`); }
  await page.locator('#shown', { hasText: `${flagged} of ${steps} steps shown` }).waitFor();
  await page.locator('#only-flagged').uncheck();

  log('download the PDF');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#pdf').click()]);
  const file = join(out, 'record.pdf');
  await download.saveAs(file);
  log(`downloaded ${download.suggestedFilename()} to ${file}`);
  if (download.suggestedFilename() !== `${number}-record.pdf`) {
    throw new Error(`file name ${download.suggestedFilename()}`);
  }

  log('the same page in Chinese');
  await page.setExtraHTTPHeaders({ 'Accept-Language': 'zh-CN,zh;q=0.9' });
  await page.goto(`${base}/complaints/${number}`);
  const zh = await page.locator('#title').innerText();
  if (!zh.includes(`客诉记录 ${number}`)) { throw new Error(`title: ${zh}`); }
  await page.locator('#shown', { hasText: `共 ${steps} 个步骤` }).waitFor();
  await page.screenshot({ path: join(out, 'record-page-zh.png'), fullPage: true });

  const eightD = process.env.EIGHT_D_NUMBER;
  if (eightD) {
    log('the 8D report page in Chinese and English');
    await page.goto(`${base}/corrective-actions/${eightD}`);
    await page.locator('#discipline-D0').waitFor();
    await page.screenshot({ path: join(out, 'eight-d-page-zh.png'), fullPage: true });
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'en-US,en;q=0.9' });
    await page.goto(`${base}/corrective-actions/${eightD}`);
    const heading = await page.locator('#discipline-D0 h2').innerText();
    if (!heading.startsWith('D0')) { throw new Error(`D0 heading: ${heading}`); }
    await page.screenshot({ path: join(out, 'eight-d-page-en.png'), fullPage: true });
  }
  log('done');
} catch (e) {
  if (page) { await page.screenshot({ path: join(out, 'record-failure.png'), fullPage: true }).catch(() => {}); }
  console.error(`[browser] FAILED: ${e.stack || e}`);
  process.exitCode = 1;
} finally {
  await context.close();
}
