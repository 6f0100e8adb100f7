// Contact preferences in every mode (phone and desktop, JavaScript on and off), axe on every
// page: a resident makes a mistake and is told, then saves how we contact them and sees the
// change kept; a colleague sees the needs banner on the resident's page and the contact tasks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODES, sharedBrowser, open, signIn, assertAccessible, assertNoSidewaysScroll, TEST_TIMEOUT } from './helpers.mjs';

const browser = sharedBrowser();

// One resident per mode, so the journeys do not meet.
const RESIDENTS = [
  'amira.hassan@example.org',
  'daniel.okafor@example.org',
  'margaret.lewis@example.org',
  'tom.bennett@example.org',
];
const NAMES = ['Amira Hassan', 'Daniel Okafor', 'Margaret Lewis', 'Tom Bennett'];
const SERVICES = 'chris.morgan@staff.example.org';

async function check(page, what) {
  await assertAccessible(page, what);
  await assertNoSidewaysScroll(page, what);
}

MODES.forEach((mode, i) => {
  const label = mode.name;

  test(`a resident sets how we contact them and a colleague sees it (${label})`, { timeout: TEST_TIMEOUT }, async () => {
    const { context, page, errors } = await open(browser(), mode);
    await signIn(page, RESIDENTS[i]);
    await page.getByRole('link', { name: 'Your account' }).first().click();
    await page.waitForURL('**/account');
    await page.getByRole('link', { name: /How we contact you/ }).click();
    await page.waitForURL('**/account/contact');
    await check(page, `how we contact you (${label})`);

    // A phone call first, and never a phone call: told, and nothing lost.
    const form = page.locator('form#preferences');
    await form.getByLabel('First choice').selectOption('phone');
    await form.getByRole('group', { name: 'Ways we must never use' }).getByLabel('Phone call').check();
    await form.getByLabel('Good times to phone or visit (optional)').fill('Weekday mornings');
    await form.getByRole('button', { name: 'Save contact preferences' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    assert.match(await page.title(), /^Error: /);
    assert.match(await page.getByRole('main').innerText(), /cannot be both a way to contact you and a way never to use/);
    assert.equal(await form.getByLabel('Good times to phone or visit (optional)').inputValue(), 'Weekday mornings');
    await check(page, `preferences with a mistake (${label})`);

    await form.getByLabel('First choice').selectOption('email');
    await form.getByLabel('Second choice').selectOption('letter');
    await form.getByRole('group', { name: 'Formats you need' }).getByLabel('Large print').check();
    await form.getByLabel('Allow me time to answer the door').check();
    await form.getByRole('button', { name: 'Save contact preferences' }).click();
    await page.waitForURL('**/account/contact?saved=1');
    const text = await page.getByRole('main').innerText();
    assert.match(text, /Your contact preferences have been saved/);
    assert.match(text, /Prefers: email/);
    assert.match(text, /Never: (.*, )?phone call/);
    assert.match(text, /Large print/);
    await check(page, `preferences saved (${label})`);

    await page.getByRole('link', { name: 'Messages', exact: true }).first().click();
    await page.waitForURL('**/messages');
    await check(page, `your messages (${label})`);

    // A colleague finds the resident from the contact tasks and reads the banner.
    const staff = await open(browser(), mode);
    await signIn(staff.page, SERVICES);
    await staff.page.getByRole('link', { name: 'Contact tasks' }).first().click();
    await staff.page.waitForURL('**/staff/contact-tasks');
    await check(staff.page, `contact tasks (${label})`);
    await staff.page.getByRole('link', { name: 'Residents', exact: true }).first().click();
    await staff.page.waitForURL('**/staff/residents');
    const name = NAMES[i];
    await staff.page.getByLabel('Name, tenancy or lease reference, address or postcode').fill(name);
    await staff.page.getByRole('button', { name: 'Search' }).click();
    await staff.page.getByRole('link', { name }).click();
    await staff.page.waitForURL(/\/staff\/residents\/\d+$/);
    const banner = await staff.page.getByRole('complementary', { name: `${name}'s needs` }).innerText();
    assert.match(banner, /Prefers: email/);
    assert.match(banner, /Large print/);
    assert.match(banner, /Allow time to answer the door/);
    await check(staff.page, `a resident's staff page (${label})`);
    await staff.context.close();

    assert.deepEqual(errors, [], 'no script errors');
    await context.close();
  });
});
