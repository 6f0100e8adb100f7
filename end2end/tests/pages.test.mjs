// Every page, in every mode: it loads, it has one main heading, it always gives the phone
// numbers, it fits a phone screen, and axe finds no WCAG 2.2 A or AA violation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { MODES, sharedBrowser, open, assertAccessible, assertNoSidewaysScroll, signIn, TEST_TIMEOUT } from './helpers.mjs';

const browser = sharedBrowser();

const PUBLIC_PAGES = [
  { path: '/', status: 200, heading: 'Your home, online' },
  { path: '/sign-in', status: 200, heading: 'Sign in' },
  { path: '/signed-out', status: 200, heading: 'You have signed out' },
  { path: '/contact', status: 200, heading: 'Contact us' },
  { path: '/accessibility', status: 200, heading: 'Accessibility statement' },
  { path: '/what-to-expect', status: 200, heading: 'What to expect from us' },
  { path: '/how-we-are-doing', status: 200, heading: 'How we are doing' },
  { path: '/dev/components', status: 200, heading: 'Components' },
  { path: '/no-such-page', status: 404, heading: 'Page not found' },
];

async function checkPage(page, errors, { path, status, heading }, mode) {
  const what = `${path} (${mode.name})`;
  const response = await page.goto(path);
  assert.equal(response.status(), status, `${what}: status`);
  await assert.doesNotReject(
    page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 5000 }),
    `${what}: heading "${heading}"`,
  );
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1, `${what}: one h1`);
  const footer = page.getByRole('contentinfo');
  assert.match(await footer.innerText(), /0161 496 0000/, `${what}: phone number`);
  assert.match(await footer.innerText(), /0161 496 0999/, `${what}: emergency number`);
  await assertNoSidewaysScroll(page, what);
  await assertAccessible(page, what);
  assert.deepEqual(errors.filter((e) => !e.includes('404')), [], `${what}: browser errors`);
}

for (const mode of MODES) {
  test(`every public page works and is accessible (${mode.name})`, { timeout: TEST_TIMEOUT }, async () => {
    const { context, page, errors } = await open(browser(), mode);
    for (const p of PUBLIC_PAGES) await checkPage(page, errors, p, mode);
    await context.close();
  });

  test(`the signed-in home works and is accessible (${mode.name})`, { timeout: TEST_TIMEOUT }, async () => {
    const { context, page, errors } = await open(browser(), mode);
    await signIn(page, 'daniel.okafor@example.org');
    await checkPage(page, errors, { path: '/your-home', status: 200, heading: 'Hello, Daniel Okafor' }, mode);
    await context.close();
  });
}

for (const mode of MODES) {
  test(`"How we are doing" shows each standard beside its result, and a CSV (${mode.name})`, { timeout: TEST_TIMEOUT }, async () => {
    const { context, page, errors } = await open(browser(), mode);
    await page.goto('/');
    await page.getByRole('contentinfo').getByRole('link', { name: 'How we are doing' }).click();
    await page.waitForURL('**/how-we-are-doing');
    const tables = page.getByRole('table');
    assert.equal(await tables.count(), 2, 'the last quarter and the last year');
    assert.match(await tables.nth(0).locator('caption').innerText(), /^Last quarter: 1 [A-Z][a-z]+ to \d{1,2} [A-Z][a-z]+ \d{4}$/);
    assert.match(await tables.nth(1).locator('caption').innerText(), /^Last year: 1 April \d{4} to 31 March \d{4}$/);
    const main = await page.getByRole('main').innerText();
    for (const standard of [
      /Complaints, Stage 1: our decision within 10 working days of acknowledging it/,
      /Emergency repairs made safe and completed within 24 hours/,
      /Questions answered within 3 working days/,
      /Requests to see the information we hold about you answered within 1 calendar month/,
      /Residents satisfied with a completed repair, from our own survey after each repair \(our target: 85%\)/,
    ]) {
      assert.match(main, standard);
    }
    // Every result is a share with its counts, "none", or withheld for privacy.
    const results = await page.locator('tbody td').allInnerTexts();
    assert.ok(results.length >= 10, `${results.length} results`);
    for (const r of results) {
      assert.match(r, /^(\d+\.\d% \(\d+ of \d+\)|None in this period|Fewer than 5: not shown, to protect privacy)$/, r);
    }
    await assertNoSidewaysScroll(page, `how we are doing (${mode.name})`);
    await assertAccessible(page, `how we are doing (${mode.name})`);
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download these results as CSV' }).click(),
    ]);
    assert.match(file.suggestedFilename(), /^how-we-are-doing-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await file.path(), 'utf8');
    assert.match(csv, /^period_start,period_end,standard,result,met,of,suppressed\r\n/);
    assert.equal(csv.trim().split('\n').length, 1 + results.length, 'one row per result on the page');
    assert.deepEqual(errors, [], 'no browser errors');
    await context.close();
  });
}

test('pages fit the narrowest phone, 320 pixels wide', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await open(browser(), { viewport: { width: 320, height: 640 }, js: true });
  for (const p of PUBLIC_PAGES) {
    await page.goto(p.path);
    await assertNoSidewaysScroll(page, `${p.path} at 320px`);
  }
  await context.close();
});

test('the skip link is the first thing a keyboard reaches and moves focus to the content', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await open(browser(), MODES[0]);
  await page.goto('/contact');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  assert.ok(await skip.evaluate((el) => el === document.activeElement), 'skip link focused first');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  await context.close();
});
