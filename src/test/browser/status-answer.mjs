// Browser test (driven by complainant/StatusAnswerBrowserIT): after the written reply the customer
// opens the status link without a login and answers: a rejection without a real reason is refused at
// the field and keeps what was typed; with a reason it is recorded and the page says so; the form is
// gone, and sending the same form again (a resubmission) is refused and records nothing.
// Then sales management (salesmanager) sees the decision on the complaint's record page.
// Uses the system Chromium (never downloads a browser). Settings come from the environment:
// BASE_URL, STATUS_URL, COMPLAINT_NUMBER, TASKLIST_USER, TASKLIST_PASSWORD, OUT_DIR, CHROMIUM.
import { env, launch, log, outDir, expectText } from './lib/browser.mjs';
import { join } from 'node:path';
import { signIn } from './lib/login.mjs';

const base = env('BASE_URL');
const out = outDir();
const number = env('COMPLAINT_NUMBER');
const link = env('STATUS_URL');

const context = await launch('status-answer', { width: 1000, height: 900 });
let page;
try {
  page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  log('the customer opens the status link after the reply: the page asks for an answer');
  let response = await page.goto(link);
  if (response.status() !== 200) { throw new Error(`status page: ${response.status()}`); }
  await expectText(page.locator('#answer'), 'Please tell us whether you accept our reply');
  await page.screenshot({ path: join(out, 'status-answer-form-en.png'), fullPage: true });

  log('a rejection with too short a reason is refused at the field, the text stays');
  await page.locator('#answer-rejected').check();
  await page.locator('#answer-reason').fill('no');
  await Promise.all([page.waitForNavigation(), page.locator('#answer-submit').click()]);
  await expectText(page.locator('#error-reason'), 'Please tell us why you do not accept the reply');
  if (await page.locator('#answer-reason').inputValue() !== 'no') { throw new Error('typed reason lost'); }
  if (!(await page.locator('#answer-rejected').isChecked())) { throw new Error('decision lost'); }
  await page.screenshot({ path: join(out, 'status-answer-refused-en.png'), fullPage: true });

  log('with a reason the answer is recorded');
  await page.locator('#answer-reason').fill('The replacement modules cracked again <b>at the corners</b>.');
  const [sent] = await Promise.all([page.waitForNavigation(), page.locator('#answer-submit').click()]);
  if (sent.status() !== 200 || !sent.url().split('?')[0].endsWith(link.split('/status/')[1])) {
    throw new Error(`after the answer: ${sent.status()} ${sent.url()}`);
  }
  await expectText(page.locator('#answer-recorded'), 'you do not accept our reply');
  await expectText(page.locator('#answer-reviewing'), 'Our sales management is reviewing your objection');
  if (await page.locator('#answer-form').count() !== 0) { throw new Error('form still offered'); }
  await page.screenshot({ path: join(out, 'status-answer-recorded-en.png'), fullPage: true });

  log('the same form sent again (a resubmission) is refused and changes nothing');
  const again = await page.request.post(`${link.split('?')[0]}/answer`, {
    form: { decision: 'accepted', reason: '', lang: 'en' }, maxRedirects: 0,
  });
  if (again.status() !== 409) { throw new Error(`second answer answered ${again.status()}`); }
  if (!(await again.text()).includes('Your answer was already recorded')) {
    throw new Error('second answer without the notice');
  }
  await page.reload();
  await expectText(page.locator('#answer-recorded'), 'you do not accept our reply');

  log('in Chinese');
  await page.goto(`${link}?lang=zh`);
  await expectText(page.locator('#answer-recorded'), '您不接受我们的答复');
  await page.screenshot({ path: join(out, 'status-answer-recorded-zh.png'), fullPage: true });
  if (errors.length) { throw new Error(`errors on the status page: ${errors.join('; ')}`); }

  log('sales management sees the decision on the record page');
  await signIn(page, `${base}/camunda/app/tasklist/default/`, env('TASKLIST_USER'), env('TASKLIST_PASSWORD'));
  await page.setExtraHTTPHeaders({ 'Accept-Language': 'en-US,en;q=0.9' });
  await page.goto(`${base}/complaints/${number}`);
  await expectText(page.locator('#decision-1'), 'rejected');
  await expectText(page.locator('#decision-1'), 'by the customer on the status page');
  await expectText(page.locator('#decision-1'), 'The replacement modules cracked again <b>at the corners</b>.');
  await page.locator('#customer-decisions').screenshot({ path: join(out, 'record-customer-decision-en.png') });
  log('done');
} catch (e) {
  if (page) { await page.screenshot({ path: join(out, 'status-answer-failure.png'), fullPage: true }); }
  throw e;
} finally {
  await context.close();
}
