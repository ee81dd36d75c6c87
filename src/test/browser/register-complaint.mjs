// Browser test (driven by RegisterComplaintBrowserIT), in Chinese (Accept-Language zh-CN):
// 1. the clerk logs in to Tasklist, follows "登记客诉" (Register a complaint) from Tasklist's header,
//    sees "尚无等级" for a customer without a computed tier, finds the customer by a part of its
//    Chinese name, sees its name and tier, picks its contact, sees the code PACKAGING offered
//    before descriptions mentioning packaging, finds the defect by a word of its description, submits once with the description missing (the
//    field error appears at the field, in Chinese), completes it, attaches a photo and gets the
//    complaint number, which is printed as "COMPLAINT_NUMBER=…";
// 2. the sales manager opens a customer page and sees the revenue by year, then the complaint
//    history of the clerk's customer: 20 complaints a page, newest first, the next page, times in
//    plant time;
// 3. a quality engineer opens the same page and sees no revenue section.
// Uses the system Chromium (never downloads a browser). Environment: BASE_URL, CUSTOMER_QUERY (a part
// of the Chinese name), CUSTOMER_NAME, CONTACT_NAME, UNTIERED_CUSTOMER, REVENUE_CUSTOMER,
// HISTORY_CUSTOMER, FILE, OUT_DIR, CHROMIUM.
import { env, launch, log, outDir } from './lib/browser.mjs';
import { basename, join } from 'node:path';
import { signIn } from './lib/login.mjs';

const base = env('BASE_URL');
const out = outDir();

async function signedIn(user) {
  const context = await launch('register-browser', { width: 1280, height: 1000 }, 'zh-CN');
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  await signIn(page, `${base}/camunda/app/tasklist/default/`, user);
  return { context, page };
}

let session;
try {
  // ---- 1. the clerk registers a complaint
  session = await signedIn('clerk');
  let page = session.page;
  log('follow "Register a complaint" from Tasklist\'s header');
  const link = page.locator('a.qms-shell-link[href="/complaints/new"]');
  await link.waitFor();
  if ((await link.innerText()).trim() !== '登记客诉') {
    throw new Error(`the Tasklist link reads "${await link.innerText()}", not 登记客诉`);
  }
  await page.screenshot({ path: join(out, 'register-1-tasklist.png') });
  await link.click();
  await page.waitForURL('**/complaints/new');
  await page.locator('#complaint').waitFor();

  log(`a customer without a computed tier (${env('UNTIERED_CUSTOMER')}) shows "尚无等级"`);
  await page.locator('#customer-search').fill(env('UNTIERED_CUSTOMER'));
  const untiered = page.locator('#customer-options li[role="option"]', { hasText: env('UNTIERED_CUSTOMER') });
  await untiered.waitFor();
  const untieredOption = await untiered.innerText();
  await untiered.click();
  await page.locator('#customer-card').waitFor();
  const tier = (await page.locator('#customer-tier').innerText()).trim();
  if (tier !== '尚无等级' || !untieredOption.includes('尚无等级') || untieredOption.includes('{')) {
    throw new Error(`a customer without a tier shows "${tier}" (option "${untieredOption}")`);
  }

  log(`find the customer by "${env('CUSTOMER_QUERY')}"`);
  await page.locator('#customer-search').fill(env('CUSTOMER_QUERY'));
  const option = page.locator('#customer-options li[role="option"]', { hasText: env('CUSTOMER_NAME') });
  await option.waitFor();
  await option.click();
  await page.locator('#customer-card').waitFor();
  const card = await page.locator('#customer-card').innerText();
  if (!card.includes(env('CUSTOMER_NAME')) || !card.includes('级')) {
    throw new Error(`the customer card shows "${card}"`);
  }
  log(`customer card: ${card.replace(/\s+/g, ' ')}`);
  await page.locator('#contacts label', { hasText: env('CONTACT_NAME') }).locator('input').check();
  if ((await page.locator('#contactName').inputValue()) !== env('CONTACT_NAME')) {
    throw new Error('picking the contact did not fill the contact person');
  }

  await page.locator('#channel').selectOption('phone');
  await page.locator('#category').selectOption('quality');
  log('search the defect "PACKAGING": the code itself comes first, before descriptions mentioning it');
  await page.locator('#defect-search').fill('PACKAGING');
  // the search's answer, not the list of every code offered while the field was empty
  await page.waitForFunction(() => {
    const options = [...document.querySelectorAll('#defect-options li[role="option"]')].map((o) => o.textContent);
    return options.some((o) => o.startsWith('ENV-WASTE')) && !options.some((o) => o.startsWith('BREAKAGE'));
  });
  const offered = await page.locator('#defect-options li[role="option"]').allInnerTexts();
  if (!offered[0].startsWith('PACKAGING ·') || !offered.some((o) => o.startsWith('ENV-WASTE'))) {
    throw new Error(`the defect search offers ${offered.join(' | ')}`);
  }
  log('find the defect by a word of its description');
  await page.locator('#defect-search').fill('crack');
  await page.locator('#defect-options li[role="option"]', { hasText: 'BREAKAGE' }).click();
  await page.locator('#productName').fill('单晶 PERC 组件 550 W');
  await page.locator('#productModel').fill('M550-144');
  await page.locator('#batchNumber').fill('B2026-0412');
  await page.locator('#productionDate').fill('2026-01-15');
  await page.locator('#quantityPurchased').fill('1000');
  await page.locator('#quantityDefective').fill('12');
  await page.locator('#files').setInputFiles(env('FILE'));

  log('submit without a description: the error is shown at the field');
  await page.locator('#submit').click();
  const error = page.locator('[data-error-for="description"]');
  await error.waitFor({ state: 'visible' });
  const message = await error.innerText();
  if (!/[\u4e00-\u9fff]/.test(message)) {
    throw new Error(`the field error is not in Chinese: ${message}`);
  }
  log(`field error: ${message}`);
  await page.screenshot({ path: join(out, 'register-2-field-error.png'), fullPage: true });

  await page.locator('#description').fill('十二块组件到货时玻璃边角有裂纹，客户要求退换。');
  await page.locator('#submit').click();
  await page.locator('#confirmation').waitFor({ state: 'visible' });
  const number = await page.locator('#confirmation').getAttribute('data-number');
  const attached = page.locator('#confirmation-files li.ok', { hasText: basename(env('FILE')) });
  await attached.waitFor();
  await page.screenshot({ path: join(out, 'register-3-confirmation.png'), fullPage: true });
  log(`confirmation: ${(await page.locator('#confirmation-title').innerText()).trim()}`);
  console.log(`COMPLAINT_NUMBER=${number}`);
  await session.context.close();

  // ---- 2. the sales manager sees the revenue
  const revenueCustomer = env('REVENUE_CUSTOMER');
  session = await signedIn('salesmanager');
  page = session.page;
  await page.goto(`${base}/customers/${revenueCustomer}`);
  await page.locator('#revenue tr.revenue').first().waitFor();
  const years = await page.locator('#revenue tr.revenue').count();
  await page.screenshot({ path: join(out, 'customer-salesmanager.png'), fullPage: true });
  log(`sales manager sees ${years} revenue years`);
  console.log(`REVENUE_ROWS=${years}`);

  // ---- 2b. the customer's complaint history, 20 per page, newest first, in plant time
  await page.goto(`${base}/customers/${env('HISTORY_CUSTOMER')}`);
  const pager = page.locator('#complaints-pager');
  await pager.locator('.position').filter({ hasText: /\S/ }).waitFor();
  const firstPage = await page.locator('#complaints tr.complaint').count();
  const position = (await pager.locator('.position').innerText()).trim();
  log(`complaint history: ${firstPage} rows, ${position}`);
  console.log(`HISTORY_FIRST_PAGE=${firstPage}`);
  console.log(`HISTORY_POSITION=${position}`);
  console.log(`HISTORY_PREVIOUS_DISABLED=${await pager.locator('.previous').isDisabled()}`);
  await pager.locator('.next').click();
  await pager.locator('.position').filter({ hasText: /^第 2 / }).waitFor();
  const rows = page.locator('#complaints tr.complaint');
  console.log(`HISTORY_SECOND_PAGE=${await rows.count()}`);
  console.log(`HISTORY_NEXT_DISABLED=${await pager.locator('.next').isDisabled()}`);
  console.log(`HISTORY_OLDEST=${(await rows.last().locator('td').nth(1).innerText()).trim()}`);
  await page.screenshot({ path: join(out, 'customer-history-page-2.png'), fullPage: true });
  await session.context.close();

  // ---- 3. a quality engineer does not
  session = await signedIn('quality');
  page = session.page;
  await page.goto(`${base}/customers/${revenueCustomer}`);
  await page.locator('#m-tier').filter({ hasText: /\S/ }).waitFor();
  await page.locator('#contacts tr.contact').first().waitFor();
  const visible = await page.locator('#revenue').isVisible();
  await page.screenshot({ path: join(out, 'customer-quality.png'), fullPage: true });
  log(`quality sees the revenue section: ${visible}`);
  console.log(`QUALITY_SEES_REVENUE=${visible}`);
  await session.context.close();
  session = null;
} catch (e) {
  if (session) {
    await session.page.screenshot({ path: join(out, 'register-failure.png'), fullPage: true }).catch(() => {});
    await session.context.close();
  }
  throw e;
}
