// What every browser test starts with: its settings from the environment, its log, and the
// system Chromium (never a downloaded browser) in a fresh profile of its own.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The environment variable `name`; a missing one fails the test at once, naming it. */
export const env = (name) => {
  const value = process.env[name];
  if (!value) { throw new Error(`environment variable ${name} is missing`); }
  return value;
};

/** A line of the test's story in the build log. */
export const log = (text) => console.log(`[browser] ${text}`);

/** OUT_DIR, where screenshots go; created if missing. */
export function outDir() {
  const out = env('OUT_DIR');
  mkdirSync(out, { recursive: true });
  return out;
}

/** Fails unless the locator's text contains `text`. */
export async function expectText(locator, text) {
  const actual = await locator.innerText();
  if (!actual.includes(text)) { throw new Error(`expected "${text}" in "${actual}"`); }
}

/**
 * The system Chromium (CHROMIUM, else /usr/bin/chromium), headless, in a new profile named after
 * the test; 30 s for every wait.
 *
 * @param {string} name the profile directory's prefix, e.g. 'status-answer'
 * @param {{ width: number, height: number }} viewport
 * @param {string} [locale] e.g. 'zh-CN'; the browser's own when missing
 */
export async function launch(name, viewport, locale) {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), `${name}-`)), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    ...(locale ? { locale } : {}),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport,
  });
  context.setDefaultTimeout(30000);
  return context;
}
