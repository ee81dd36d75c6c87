// Browser test (driven by MailDraftBrowserIT), in Chinese (Accept-Language zh-CN):
// the clerk opens "邮件客诉" (Complaints by mail) from the page shell's navigation, sees the two drafts,
// opens the customer's mail: the sender's customer is named, the refused file says why, the form is
// prefilled from the mail (channel e-mail, contact, the mail's text); submitting without a batch shows
// the error at the field in Chinese; completed, the draft is registered and the number is printed as
// "COMPLAINT_NUMBER=…". The second draft (advertising) is discarded: first without a reason (error at
// the field), then with one. Uses the system Chromium. Environment: BASE_URL, OUT_DIR, CHROMIUM,
// CUSTOMER_SUBJECT, SPAM_SUBJECT, CONTACT_NAME.
import { env, launch, log, outDir } from './lib/browser.mjs';
import { join } from 'node:path';
import { signIn } from './lib/login.mjs';

const base = env('BASE_URL');
const out = outDir();

const context = await launch('mail-draft-browser', { width: 1280, height: 1000 }, 'zh-CN');
const page = await context.newPage();
page.on('pageerror', (e) => log(`page error: ${e.message}`));
try {
  await signIn(page, `${base}/camunda/app/tasklist/default/`, 'clerk');
  await page.goto(`${base}/complaints/new`);
  log('follow "邮件客诉" from the navigation');
  const nav = page.locator('nav.shell-nav a[href="/mail-intake/"]');
  if ((await nav.innerText()).trim() !== '邮件客诉') {
    throw new Error(`the navigation reads "${await nav.innerText()}", not 邮件客诉`);
  }
  await nav.click();
  await page.waitForURL('**/mail-intake/');
  await page.locator('#drafts tr.draft').nth(1).waitFor();
  log(`drafts: ${await page.locator('#shown').innerText()}`);
  await page.screenshot({ path: join(out, 'mail-1-drafts.png'), fullPage: true });

  // ---- the customer's mail is registered
  await page.locator('#drafts a', { hasText: env('CUSTOMER_SUBJECT') }).click();
  await page.locator('#complaint').waitFor();
  const customer = await page.locator('#mail-customer').innerText();
  if (!customer.includes(env('CONTACT_NAME'))) {
    throw new Error(`the matched customer reads "${customer}"`);
  }
  const refused = await page.locator('#mail-files li.error').innerText();
  if (!refused.includes('setup.exe') || !refused.includes('已拒收')) {
    throw new Error(`the refused file reads "${refused}"`);
  }
  await page.locator('#customer-card').waitFor();
  if ((await page.locator('#channel').inputValue()) !== 'email'
      || (await page.locator('#contactName').inputValue()) !== env('CONTACT_NAME')
      || !(await page.locator('#description').inputValue()).includes('玻璃')) {
    throw new Error('the form is not prefilled from the mail');
  }
  await page.locator('#category').selectOption('quality');
  await page.locator('#defect-search').fill('crack');
  await page.locator('#defect-options li[role="option"]', { hasText: 'BREAKAGE' }).click();
  await page.locator('#productName').fill('单晶 PERC 组件 550 W');
  await page.locator('#productionDate').fill('2026-01-15');
  await page.locator('#quantityPurchased').fill('1000');
  await page.locator('#quantityDefective').fill('10');

  log('submit without a batch: the error is shown at the field');
  await page.locator('#submit').click();
  const error = page.locator('[data-error-for="batchNumber"]');
  await error.waitFor({ state: 'visible' });
  const message = await error.innerText();
  if (!/[\u4e00-\u9fff]/.test(message)) {
    throw new Error(`the field error is not in Chinese: ${message}`);
  }
  log(`field error: ${message}`);
  await page.screenshot({ path: join(out, 'mail-2-field-error.png'), fullPage: true });

  await page.locator('#batchNumber').fill('B2026-0315');
  await page.locator('#submit').click();
  await page.locator('#confirmation').waitFor({ state: 'visible' });
  const number = await page.locator('#confirmation').getAttribute('data-number');
  if (await page.locator('#discard').isVisible()) {
    throw new Error('a registered draft still offers "discard"');
  }
  await page.screenshot({ path: join(out, 'mail-3-registered.png'), fullPage: true });
  console.log(`COMPLAINT_NUMBER=${number}`);

  // ---- the advertising is discarded with a reason
  await page.goto(`${base}/mail-intake/`);
  await page.locator('#drafts a', { hasText: env('SPAM_SUBJECT') }).click();
  await page.locator('#discard').waitFor();
  if (!(await page.locator('#mail-customer').innerText()).includes('未找到')) {
    throw new Error('an unknown sender is shown as a customer');
  }
  await page.locator('#discard-submit').click();
  const reasonError = page.locator('[data-error-for="reason"]');
  await reasonError.waitFor({ state: 'visible' });
  log(`reason error: ${await reasonError.innerText()}`);
  await page.locator('#discard-reason').fill('广告邮件，不是投诉');
  await page.locator('#discard-submit').click();
  await page.locator('#message.ok').waitFor({ state: 'visible' });
  await page.screenshot({ path: join(out, 'mail-4-discarded.png'), fullPage: true });
  console.log('DISCARDED=true');
  await context.close();
} catch (e) {
  await page.screenshot({ path: join(out, 'mail-failure.png'), fullPage: true }).catch(() => {});
  await context.close();
  throw e;
}
