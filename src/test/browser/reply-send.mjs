// Browser test (driven by ReplySendBrowserIT): a sales rep logs in to the Camunda webapps, opens the complaint
// record from the reply step's link target (#send-reply), is refused in Chinese at the "reviewed"
// field when sending without confirming the review, then in English confirms, attaches an evidence
// file and sends the reply; the page shows the sent mail. Then a general manager opens "Overdue
// work" in English and Chinese and follows a row to its record page.
// Uses the system Chromium (never downloads a browser). Settings come from the environment:
// BASE_URL, COMPLAINT_NUMBER (at "Reply in writing"), OVERDUE_NUMBER (an escalated complaint),
// OUT_DIR, CHROMIUM.
import { env, launch, log, outDir } from './lib/browser.mjs';
import { join } from 'node:path';

const base = env('BASE_URL');
const out = outDir();
const number = env('COMPLAINT_NUMBER');
const overdue = env('OVERDUE_NUMBER');

const context = await launch('reply-browser', { width: 1300, height: 1000 });
let page;

// Logs in to the Camunda webapps as Tasklist's login form does (the same request), without waiting
// for Tasklist's scripts, which this test does not use: the session then serves the record pages.
async function logIn(user) {
  await context.request.get(`${base}/camunda/app/tasklist/default/`);
  const token = (await context.cookies()).find((c) => c.name === 'XSRF-TOKEN');
  const login = await context.request.post(`${base}/camunda/api/admin/auth/user/default/login/tasklist`, {
    form: { username: user, password: user },
    headers: token ? { 'X-XSRF-TOKEN': token.value } : {},
  });
  if (!login.ok()) { throw new Error(`login of ${user}: ${login.status()} ${await login.text()}`); }
  // the first webapp request of the new session gives it its CSRF token (as Tasklist's start does)
  await context.request.get(`${base}/camunda/api/admin/auth/user/default`);
}

try {
  page = await context.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));

  log('a sales rep logs in and opens the reply on the record page, in Chinese');
  await logIn('sales');
  await page.setExtraHTTPHeaders({ 'Accept-Language': 'zh-CN,zh;q=0.9' });
  await page.goto(`${base}/complaints/${number}#send-reply`);
  const form = page.locator('#send-reply');
  await form.waitFor();
  const to = await page.locator('#reply-to').innerText();
  if (!to.includes('@c010.example.com')) { throw new Error(`recipient: ${to}`); }
  const draft = await page.locator('#reply-text').inputValue();
  if (!draft.includes(number)) { throw new Error(`draft without the number: ${draft}`); }
  await page.locator('#reply-text').fill(`${draft}\nSam Sales`);

  log('sending without confirming the review is refused at the field, in Chinese');
  await page.locator('#reply-send').click();
  const refusal = page.locator('[data-error-for="reviewed"]');
  await refusal.waitFor({ state: 'visible' });
  const refusalText = await refusal.innerText();
  if (!refusalText.includes('发送前请确认您已审阅')) { throw new Error(`refusal: ${refusalText}`); }
  await page.screenshot({ path: join(out, 'reply-send-refused-zh.png'), fullPage: true });

  log('in English: attach a file, confirm the review, send');
  await page.setExtraHTTPHeaders({ 'Accept-Language': 'en-US,en;q=0.9' });
  // (the same address with only a different #fragment would not load the page again)
  await page.goto(`${base}/complaints/${number}`);
  await page.locator('#send-reply h2', { hasText: 'Send the reply to the customer' }).waitFor();
  const files = page.locator('#send-reply input[name="attachments"]');
  if (await files.count() < 1) { throw new Error('no evidence files offered'); }
  await files.first().check();
  await page.locator('#reply-text').fill(`Dear purchasing team,\n\nthe cause of complaint ${number} is corrected.\n\nKind regards,\nSam Sales`);
  await page.locator('#reply-reviewed').check();
  await page.screenshot({ path: join(out, 'reply-send-form-en.png'), fullPage: true });
  await page.locator('#reply-send').click();
  await page.locator('#sent-reply').waitFor();
  const sentTo = await page.locator('#sent-to').innerText();
  if (!sentTo.includes('@c010.example.com')) { throw new Error(`sent to: ${sentTo}`); }
  const sentText = await page.locator('#sent-text').innerText();
  if (!sentText.includes(`the cause of complaint ${number} is corrected.`)) { throw new Error(`sent text: ${sentText}`); }
  if (await page.locator('#send-reply').count() !== 0) { throw new Error('the send form is still offered'); }
  await page.locator('#sent-reply').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(out, 'reply-sent-en.png'), fullPage: true });
  await page.setExtraHTTPHeaders({ 'Accept-Language': 'zh-CN,zh;q=0.9' });
  await page.reload();
  await page.locator('#sent-reply h2', { hasText: '已发送给客户的回复邮件' }).waitFor();
  await page.screenshot({ path: join(out, 'reply-sent-zh.png'), fullPage: true });

  log('the sales rep has no overview of all groups');
  if (await page.locator('a[href="/overdue/"]').count() !== 0) { throw new Error('sales sees the overview link'); }

  log('a general manager opens "Overdue work" in English and Chinese');
  await context.clearCookies();
  await logIn('gm');
  await page.setExtraHTTPHeaders({ 'Accept-Language': 'en-US,en;q=0.9' });
  await page.goto(`${base}/dashboard/`);
  await page.locator('a[href="/overdue/"]').click();
  await page.locator('#overdue h1', { hasText: 'Overdue and escalated work' }).waitFor();
  const row = page.locator('#overdue-table tr.item', { has: page.locator(`a[href="/complaints/${overdue}"]`) });
  await row.first().waitFor();
  const level = await row.first().locator('td.level').innerText();
  if (!level.includes('level 1 to sales-management')) { throw new Error(`escalation: ${level}`); }
  await page.screenshot({ path: join(out, 'overdue-en.png'), fullPage: true });
  await page.locator('#only-escalated').check();
  await page.locator('#shown', { hasText: 'tasks shown' }).waitFor();
  await page.setExtraHTTPHeaders({ 'Accept-Language': 'zh-CN,zh;q=0.9' });
  await page.goto(`${base}/overdue/`);
  await page.locator('#overdue h1', { hasText: '超期和已升级的工作' }).waitFor();
  const zhLevel = await page.locator('#overdue-table tr.item', { has: page.locator(`a[href="/complaints/${overdue}"]`) })
    .first().locator('td.level').innerText();
  if (!zhLevel.includes('第 1 级')) { throw new Error(`escalation in Chinese: ${zhLevel}`); }
  await page.screenshot({ path: join(out, 'overdue-zh.png'), fullPage: true });
  await page.locator(`a[href="/complaints/${overdue}"]`).first().click();
  await page.locator('#title', { hasText: overdue }).waitFor();
  log('done');
} catch (e) {
  if (page) { await page.screenshot({ path: join(out, 'reply-send-failure.png'), fullPage: true }).catch(() => {}); }
  console.error(`[browser] FAILED: ${e.stack || e}`);
  process.exitCode = 1;
} finally {
  await context.close();
}
