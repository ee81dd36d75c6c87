// Signing in to a Camunda webapp (Tasklist, Cockpit, Admin) the way every browser test does it.
//
// On a busy machine (CI has two cores) a webapp's first load may time out loading a module, or the
// login form may be submitted before AngularJS has bound it, so that nothing happens. Both are the
// test machine's, not the product's: the page is loaded again and the form filled again, at most three
// times, and what the page showed is logged, so a real refusal (wrong password) still fails the test.

/**
 * Opens `url` (a webapp's start page) and signs in as `user`.
 *
 * @param {import('playwright-core').Page} page
 * @param {string} url for example `${base}/camunda/app/tasklist/default/`
 * @param {string} user
 * @param {string} [password] the user's password (the demo users' password is their id)
 * @param {(line: string) => void} [log]
 */
export async function signIn(page, url, user, password = user, log = (line) => console.error(line)) {
  const username = page.locator('input[ng-model="username"]');
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(url);
      await username.waitFor({ timeout: 45000 });
      await username.fill(user);
      await page.locator('input[ng-model="password"]').fill(password);
      await page.locator('button[type="submit"]').click();
      await username.waitFor({ state: 'detached', timeout: 30000 });
      return;
    } catch (e) {
      const notice = await page.locator('.notifications, .alert').allInnerTexts().catch(() => []);
      log(`sign-in as ${user} did not complete (attempt ${attempt}): ${e.message.split('\n')[0]}`
        + (notice.length ? `; the page shows: ${notice.join(' | ').trim()}` : ''));
      if (attempt === 3) {
        throw e;
      }
    }
  }
}

/** The shared "My group's tasks" filter in Tasklist's filter list (its name carries the task count). */
export const myGroupsTasks = (page) =>
  page.locator('.task-filters .task-filter h4 a', { hasText: "My group's tasks (我的组任务)" });

/**
 * Waits until Tasklist (signed in) lists its filters. On a busy machine a module of Tasklist's main
 * view may fail to load after the sign-in, so that no filter is ever listed: Tasklist is loaded again
 * (the session stays), at most three times, and each failed attempt is logged.
 *
 * @param {import('playwright-core').Page} page
 * @param {string} url the Tasklist start page, for example `${base}/camunda/app/tasklist/default/`
 * @param {(line: string) => void} [log]
 * @param {boolean} [reload] load the page even if the filters are already shown
 */
export async function tasklistFilters(page, url, log = (line) => console.error(line), reload = false) {
  // what the page asked for and has not got yet: shown when the filters do not come
  const pending = new Map();
  const asked = (request) => pending.set(request, Date.now());
  const answered = (request) => pending.delete(request);
  const failed = (request) => {
    // a request the page's own reload cut off (net::ERR_ABORTED) is no failure
    if (!/ERR_ABORTED/.test(request.failure()?.errorText ?? '')) {
      log(`request failed: ${request.url()} (${request.failure()?.errorText})`);
    }
    answered(request);
  };
  page.on('request', asked);
  page.on('requestfinished', answered);
  page.on('requestfailed', failed);
  try {
    await waitForFilters(page, url, log, reload, pending);
  } finally {
    page.off('request', asked);
    page.off('requestfinished', answered);
    page.off('requestfailed', failed);
  }
}

async function waitForFilters(page, url, log, reload, pending) {
  for (let attempt = 1; ; attempt++) {
    try {
      if (reload || attempt > 1) {
        await page.goto(url);
      }
      await myGroupsTasks(page).waitFor({ timeout: 60000 });
      return;
    } catch (e) {
      log(`Tasklist did not list its filters (attempt ${attempt}): ${e.message.split('\n')[0]}`);
      if (process.env.OUT_DIR) {
        const shot = `${process.env.OUT_DIR}/tasklist-without-filters-${Date.now()}.png`;
        await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
        log(`what it showed: ${shot} at ${page.url()}`);
      }
      for (const [request, since] of pending) {
        log(`still waiting for ${request.method()} ${request.url()} (${Math.round((Date.now() - since) / 1000)} s)`);
      }
      pending.clear();
      if (attempt === 3) {
        throw e;
      }
    }
  }
}
