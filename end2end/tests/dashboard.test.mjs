// The managers' daily dashboard in every mode, axe on every page and nothing sideways at phone
// size: a manager opens it from the menu, follows a figure to the records behind it and opens
// one; the CSV link is offered; a colleague who is not a manager has no such link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODES, sharedBrowser, open, signIn, assertAccessible, assertNoSidewaysScroll, TEST_TIMEOUT } from './helpers.mjs';

const browser = sharedBrowser();
const MANAGER = 'fiona.reid@staff.example.org';
const SERVICES = 'chris.morgan@staff.example.org';

async function check(page, what) {
  await assertAccessible(page, what);
  await assertNoSidewaysScroll(page, what);
}

for (const mode of MODES) {
  const label = mode.name;
  test(`a manager reads the daily dashboard and the records behind a figure (${label})`, { timeout: TEST_TIMEOUT }, async () => {
    const { context, page, errors } = await open(browser(), mode);
    await signIn(page, MANAGER);
    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await page.waitForURL('**/staff/dashboard');
    await page.getByRole('heading', { level: 1, name: 'Daily dashboard' }).waitFor();
    await check(page, `daily dashboard (${label})`);
    const table = page.getByRole('table');
    // The demo's messages and requests are Customer services' to answer.
    const row = table.getByRole('row').filter({ hasText: 'Customer services' }).filter({ hasText: 'Message: Answered' });
    await row.waitFor();
    assert.ok(await page.getByRole('link', { name: 'Download as CSV' }).isVisible());
    // The open figure of that line opens its records.
    await row.getByRole('link').first().click();
    await page.waitForURL(/\/staff\/dashboard\/list\?/);
    assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /^Open: Customer services, Message: Answered$/);
    await check(page, `records behind a figure (${label})`);
    await page.getByRole('link', { name: /^CM-/ }).first().click();
    await page.waitForURL(/\/staff\/cases\/CM-/);
    assert.deepEqual(errors, [], 'no script errors');
    await context.close();

    const chris = await open(browser(), mode);
    await signIn(chris.page, SERVICES);
    assert.equal(await chris.page.getByRole('link', { name: 'Dashboard', exact: true }).count(), 0, 'no dashboard for a colleague who is not a manager');
    await chris.context.close();
  });
}
