// Browser test (driven by complainant/StatusPageBrowserIT): the customer opens the status link of the
// acknowledgement without a login, in the contact's language (English) and in Chinese; then customer
// service (clerk) opens the complaint's record page, sees the acknowledgement and revokes the link;
// the customer's link now shows "not available".
// Uses the system Chromium (never downloads a browser). Settings come from the environment:
// BASE_URL, STATUS_URL, COMPLAINT_NUMBER, TASKLIST_USER, TASKLIST_PASSWORD, OUT_DIR, CHROMIUM.
import { env, launch, log, outDir, expectText } from './lib/browser.mjs';
import { join } from 'node:path';
import { signIn } from './lib/login.mjs';

const base = env('BASE_URL');
const out = outDir();
const number = env('COMPLAINT_NUMBER');
const link = env('STATUS_URL');

const context = await launch('status-browser', { width: 1000, height: 900 });
let page;
try {
  page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico') && !r.url().includes('/status/')) {
      errors.push(`${r.status()} ${r.url()}`);
    }
  });

  log('the customer opens the status link (no login): the contact speaks English');
  let response = await page.goto(link);
  if (response.status() !== 200) { throw new Error(`status page: ${response.status()}`); }
  await expectText(page.locator('#title'), `Complaint ${number}`);
  await expectText(page.locator('#stage-name'), 'Under investigation');
  await expectText(page.locator('#commitment-contact'), 'Contact you to confirm the details');
  if (await page.locator('.shell-nav').count() !== 0) { throw new Error('staff navigation shown'); }
  await page.screenshot({ path: join(out, 'status-page-en.png'), fullPage: true });

  log('switch to Chinese');
  await page.locator('#lang-zh').click();
  await expectText(page.locator('#title'), `投诉 ${number}`);
  await expectText(page.locator('#stage-name'), '调查中');
  await page.screenshot({ path: join(out, 'status-page-zh.png'), fullPage: true });
  if (errors.length) { throw new Error(`errors on the status page: ${errors.join('; ')}`); }

  log('customer service logs in to Tasklist and opens the record page');
  await signIn(page, `${base}/camunda/app/tasklist/default/`, env('TASKLIST_USER'), env('TASKLIST_PASSWORD'));
  await page.setExtraHTTPHeaders({ 'Accept-Language': 'en-US,en;q=0.9' });
  await page.goto(`${base}/complaints/${number}`);
  await page.locator('#ack-state').waitFor();
  await expectText(page.locator('#ack-state'), 'Acknowledgement sent');
  await expectText(page.locator('#customer-mails'), `Your complaint ${number} has been received`);
  await page.locator('#complainant').screenshot({ path: join(out, 'record-acknowledgement-en.png') });
  await page.setExtraHTTPHeaders({ 'Accept-Language': 'zh-CN,zh;q=0.9' });
  await page.reload();
  await page.locator('#ack-state', { hasText: '受理确认已发送' }).waitFor();
  await page.locator('#complainant').screenshot({ path: join(out, 'record-acknowledgement-zh.png') });
  await page.setExtraHTTPHeaders({ 'Accept-Language': 'en-US,en;q=0.9' });
  await page.reload();
  await page.locator('#ack-state', { hasText: 'Acknowledgement sent' }).waitFor();

  log('revoke the status link');
  page.once('dialog', (dialog) => dialog.accept());
  await page.locator('#ack-revoke').click();
  await page.locator('#ack-link', { hasText: 'revoked' }).waitFor();
  await page.locator('#ack-revoke').waitFor({ state: 'detached' });

  log('the customer\'s link is no longer available');
  response = await page.goto(link);
  if (response.status() !== 404) { throw new Error(`revoked link answered ${response.status()}`); }
  await expectText(page.locator('#unavailable'), 'This status page is not available');
  await page.screenshot({ path: join(out, 'status-page-revoked-en.png'), fullPage: true });
  log('done');
} catch (e) {
  if (page) { await page.screenshot({ path: join(out, 'status-page-failure.png'), fullPage: true }); }
  throw e;
} finally {
  await context.close();
}
