// Shared by every end-to-end test: Debian's Chromium driven by playwright-core (nothing is
// downloaded), the four ways a page is used (phone or desktop, JavaScript on or off), and an
// accessibility scan with axe.
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { before, after } from 'node:test';

export const BASE = process.env.DOORSTEP_URL ?? 'http://127.0.0.1:3000';
export const PASSWORD = 'doorstep-demo';

export const SIZES = {
  phone: { width: 360, height: 740 },
  desktop: { width: 1280, height: 800 },
};

/**
 * The longest one test may take. It only stops a test that hangs: how fast a journey runs is
 * measured by `make bench`, never asserted here. A long journey (40 pages, 16 accessibility
 * scans) took 77 to 180 seconds on CI's 2 cores depending on the machine, so the limit is set
 * well clear of that.
 */
export const TEST_TIMEOUT = 600000;

/** Every combination each journey is run in. */
export const MODES = Object.entries(SIZES).flatMap(([size, viewport]) =>
  [true, false].map((js) => ({ name: `${size}, JavaScript ${js ? 'on' : 'off'}`, viewport, js })),
);

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    // As root Chromium needs --no-sandbox; the rest keep it off a network it cannot reach.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * One browser for every test in the calling file, launched before them and closed after.
 * Returns a getter: the browser exists only once `before` has run.
 */
export function sharedBrowser() {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });
  return () => browser;
}

/** A fresh browser context (its own cookies) in the given mode, and a page in it. */
export async function open(browser, mode) {
  const context = await browser.newContext({
    viewport: mode.viewport,
    javaScriptEnabled: mode.js,
    baseURL: BASE,
  });
  const page = await context.newPage();
  page.doorstepJs = mode.js;
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { context, page, errors };
}

/**
 * Fails with the list of WCAG 2.2 A and AA violations on the page, if any. axe runs as a script
 * in the page, which a page without JavaScript cannot do: there it scans an exact snapshot, the
 * same HTML served at the same address (so the stylesheet loads) with scripts kept out.
 */
export async function assertAccessible(page, what) {
  if (page.doorstepJs !== false) return scan(page, what);
  const html = await page.content();
  const url = page.url();
  const context = await page.context().browser().newContext({ viewport: page.viewportSize() });
  try {
    const snapshot = await context.newPage();
    await snapshot.route(/\.(js|wasm)(\?.*)?$/, (route) => route.abort());
    await snapshot.route(url, (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
    await snapshot.goto(url);
    await scan(snapshot, what);
  } finally {
    await context.close();
  }
}

async function scan(page, what) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  assert.deepEqual(found, [], `${what}: accessibility violations\n${found.join('\n')}`);
}

/** Nothing may scroll sideways: the page must fit the screen it is on. */
export async function assertNoSidewaysScroll(page, what) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.ok(overflow <= 0, `${what}: the page is ${overflow}px wider than the screen`);
}

export async function signIn(page, email) {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/your-home');
}
