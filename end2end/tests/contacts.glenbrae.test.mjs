// Call-back requests under the Scottish example landlord, which publishes them (the default
// landlord does not), in every mode, axe on every page: a resident asks for a call back with
// the number and the times that suit and is told the date; a colleague sees them, rings and
// records the call; the resident sees what was said.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODES, sharedBrowser, open, signIn, assertAccessible, assertNoSidewaysScroll, TEST_TIMEOUT } from './helpers.mjs';

const browser = sharedBrowser();
const SERVICES = 'chris.morgan@staff.example.org';
const RESIDENTS = [
  'amira.hassan@example.org',
  'daniel.okafor@example.org',
  'margaret.lewis@example.org',
  'tom.bennett@example.org',
];

async function check(page, what) {
  await assertAccessible(page, what);
  await assertNoSidewaysScroll(page, what);
}

async function answer(page, label, value) {
  await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Continue' }).click();
}

const form = (page, title) => page.locator('form', { has: page.getByRole('heading', { name: title, exact: true }) });

MODES.forEach((mode, i) => {
  const label = mode.name;
  test(`a call-back request is made, rung and recorded (${label})`, { timeout: TEST_TIMEOUT }, async () => {
    const { context, page, errors } = await open(browser(), mode);
    await signIn(page, RESIDENTS[i]);
    await page.goto('/cases');
    assert.match(await page.getByRole('main').innerText(), /If you ask by text message, we will call you back the same working day/);
    await page.getByRole('link', { name: 'Ask us to call you back' }).click();
    await page.waitForURL('**/cases/new/callback/what');
    await check(page, `call back: what about (${label})`);
    await answer(page, 'What would you like to talk about?', 'Paying my rent fortnightly instead of monthly.');
    await page.waitForURL('**/cases/new/callback/phone');
    await answer(page, 'Which number should we call?', '12');
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    await check(page, `call back: a wrong number (${label})`);
    await answer(page, 'Which number should we call?', '07700 900 982');
    await page.waitForURL('**/cases/new/callback/times');
    await answer(page, 'When is a good time to call?', 'After 4pm on weekdays');
    await page.waitForURL('**/cases/new/callback/check');
    await check(page, `call back: check your answers (${label})`);
    await page.getByRole('button', { name: /^Send/ }).click();
    await page.waitForURL(/\/cases\/CB-[A-Z0-9]+\?sent=1$/);
    const reference = page.url().match(/CB-[A-Z0-9]+/)[0];
    assert.match(await page.getByRole('main').innerText(), /will call you back by/);
    await check(page, `call back requested (${label})`);

    const chris = await open(browser(), mode);
    await signIn(chris.page, SERVICES);
    await chris.page.goto('/staff/cases?kind=callback');
    await chris.page.getByRole('link', { name: new RegExp(reference) }).click();
    await chris.page.waitForURL(`**/staff/cases/${reference}`);
    const staff = await chris.page.getByRole('main').innerText();
    assert.match(staff, /07700 900 982/);
    assert.match(staff, /After 4pm on weekdays/);
    await check(chris.page, `a call-back request, for a colleague (${label})`);
    await form(chris.page, 'Record the call back').getByLabel(/What we talked about/).fill('We can move you to fortnightly payments from next month.');
    await form(chris.page, 'Record the call back').getByRole('button', { name: 'Record the call' }).click();
    await chris.page.getByRole('alert').filter({ hasText: 'Done' }).waitFor();
    await chris.context.close();

    await page.goto(`/cases/${reference}`);
    const seen = await page.getByRole('main').innerText();
    assert.match(seen, /Called back/);
    assert.match(seen, /fortnightly payments from next month/);
    await check(page, `called back (${label})`);
    assert.deepEqual(errors, [], 'no script errors');
    await context.close();
  });
});
