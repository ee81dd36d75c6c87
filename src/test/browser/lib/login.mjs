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
