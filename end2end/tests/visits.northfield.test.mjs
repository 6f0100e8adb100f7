// Visits in the field at phone size, JavaScript on and off, axe on every page: an operative's
// day from "on my way" to a follow-on booked at the door, and the resident seeing the arrival
// window and the next visit on their repair.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODES, sharedBrowser, open, signIn, assertAccessible, assertNoSidewaysScroll, TEST_TIMEOUT } from './helpers.mjs';

const browser = sharedBrowser();
const OPERATIVE = 'sam.price@staff.example.org';
// Sam's two visits today: Amira Hassan's in the morning, Margaret Lewis's in the afternoon.
const VISITS = [
  { resident: 'amira.hassan@example.org', place: /Flat 1, Alder Court/, summary: /fan/i },
  { resident: 'margaret.lewis@example.org', place: /Flat 3, Alder Court/, summary: /mould|damp/i },
];

async function check(page, what) {
  await assertAccessible(page, what);
  await assertNoSidewaysScroll(page, what);
}

MODES.filter((m) => m.name.startsWith('phone')).forEach((mode, i) => {
  const label = mode.name;
  const visit = VISITS[i];

  test(`an operative's visit from on my way to a follow-on booked at the door (${label})`, { timeout: TEST_TIMEOUT }, async () => {
    const { context, page, errors } = await open(browser(), mode);
    await signIn(page, OPERATIVE);
    await page.getByRole('link', { name: 'Your visits' }).first().click();
    await page.waitForURL('**/visits');
    await check(page, `your visits (${label})`);
    const card = page.locator('.visit-card').filter({ hasText: visit.place });
    await card.getByRole('link').click();
    await page.waitForURL(/\/visits\/\d+$/);
    const address = page.url();
    await check(page, `a visit (${label})`);
    if (i === 1) {
      assert.match(await page.getByRole('main').innerText(), /Before you knock[\s\S]*Allow time to answer the door/);
    }

    // On my way, with a travel time the operative changes.
    await page.getByLabel('Travel time, in minutes').fill('15');
    await page.getByRole('button', { name: 'Tell the resident I am on my way' }).click();
    await page.waitForURL(address);
    const main = page.getByRole('main');
    assert.match(await main.innerText(), /Operative on the way/);
    assert.match(await main.innerText(), /On the way: expected between/);
    await check(page, `on the way (${label})`);

    await page.getByRole('button', { name: 'I have arrived' }).click();
    await page.waitForURL(address);
    assert.match(await main.innerText(), /Arrived at/);

    // Another visit is needed: without a day the form says so, then it is booked.
    const followOn = page.locator('form').filter({ hasText: 'Another visit is needed' });
    await followOn.getByRole('button', { name: 'Book the next visit' }).click();
    await page.waitForURL(address);
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    await check(page, `follow-on without a day (${label})`);
    const select = page.getByLabel('When is the next visit? Agree it with the resident');
    const first = await select.locator('option').nth(1).getAttribute('value');
    await select.selectOption(first);
    await page.locator('form').filter({ hasText: 'Another visit is needed' }).getByLabel('What is left to do (optional)').fill('Part to fit');
    await page.locator('form').filter({ hasText: 'Another visit is needed' }).getByRole('button', { name: 'Book the next visit' }).click();
    await page.waitForURL(address);
    assert.match(await main.innerText(), /Another visit booked/);
    assert.match(await main.innerText(), /Another visit is needed/);
    assert.doesNotMatch(await main.innerText(), /What happened\?/);
    await check(page, `follow-on booked (${label})`);
    await context.close();

    // The resident sees it on the repair.
    const resident = await open(browser(), mode);
    await signIn(resident.page, visit.resident);
    await resident.page.getByRole('link', { name: 'Your repairs' }).first().click();
    await resident.page.waitForURL('**/repairs');
    await resident.page.getByRole('link', { name: visit.summary }).first().click();
    await resident.page.waitForURL(/\/repairs\/RP-/);
    const text = await resident.page.getByRole('main').innerText();
    assert.match(text, /Operative on the way/);
    assert.match(text, /Another visit booked/);
    assert.match(text, /Part to fit/);
    await check(resident.page, `the resident's repair (${label})`);
    await resident.context.close();
    assert.deepEqual([...errors, ...resident.errors], []);
  });
});

// Reminders go the evening before; in development the mailbox sends the coming week's at once.
// Amira moves her visit from her reminder's link; Jamal Reid cancels the stair light's visit.
const REMINDED = [
  { email: 'amira.hassan@example.org', change: true },
  { email: 'jamal.reid@example.org', change: false },
];

MODES.filter((m) => m.name.startsWith('phone')).forEach((mode, i) => {
  const label = mode.name;
  const who = REMINDED[i];

  test(`a resident ${who.change ? 'changes' : 'cancels'} a visit from its reminder's link (${label})`, { timeout: TEST_TIMEOUT }, async () => {
    const { context, page, errors } = await open(browser(), mode);
    await page.goto('/dev/mailbox');
    await page.getByRole('button', { name: "Send the coming week's visit reminders now" }).click();
    await page.waitForURL(/\/dev\/mailbox\?reminders=\d+$/);
    const reminder = page.locator('article.mail')
      .filter({ hasText: 'Reminder: your repair visit' })
      .filter({ hasText: `To ${who.email}` })
      .first();
    const href = await reminder.getByRole('link').first().getAttribute('href');
    assert.match(href, /\/visit\/[0-9a-f]{64}$/);
    await page.goto(new URL(href).pathname);
    const main = page.getByRole('main');
    assert.match(await main.innerText(), /Booked for/);
    assert.doesNotMatch(await main.innerText(), /Alder Court/, 'nothing but the time and reference');
    await check(page, `a reminder's link (${label})`);

    if (who.change) {
      await page.getByRole('button', { name: 'Change the visit' }).click();
      await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
      await check(page, `change without a time (${label})`);
      const select = page.getByLabel('Change it to');
      await select.selectOption(await select.locator('option').nth(1).getAttribute('value'));
      await page.getByRole('button', { name: 'Change the visit' }).click();
      await main.getByText('Your visit is now on').waitFor();
    } else {
      await page.getByLabel('I will not be in').check();
      await page.getByRole('button', { name: 'Cancel the visit' }).click();
      await main.getByText('Your visit is cancelled').waitFor();
    }
    await check(page, `after using the link (${label})`);
    // Used once: the link now shows only the phone number.
    await page.goto(new URL(href).pathname);
    assert.match(await main.innerText(), /This link no longer works/);
    await check(page, `a used link (${label})`);
    await context.close();
    assert.deepEqual(errors, []);
  });
});
