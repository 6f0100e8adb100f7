// Giving and withdrawing permission in every mode (phone and desktop, JavaScript on and off), axe
// on every page: a resident invites an advocate by email; the advocate follows the emailed link
// (read in the development mailbox), sets up an account, can make a complaint for the resident
// and cannot read their documents; the resident withdraws, and the advocate can act no longer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODES, sharedBrowser, open, signIn, assertAccessible, assertNoSidewaysScroll, TEST_TIMEOUT } from './helpers.mjs';

const browser = sharedBrowser();

// One resident and one new advocate per mode, so the journeys do not meet.
const RESIDENTS = [
  ['amira.hassan@example.org', 'Amira Hassan'],
  ['daniel.okafor@example.org', 'Daniel Okafor'],
  ['margaret.lewis@example.org', 'Margaret Lewis'],
  ['tom.bennett@example.org', 'Tom Bennett'],
];

async function check(page, what) {
  await assertAccessible(page, what);
  await assertNoSidewaysScroll(page, what);
}

MODES.forEach((mode, i) => {
  const label = mode.name;
  const [email, name] = RESIDENTS[i];
  const advocate = `advocate.${i}.${Date.now()}@example.net`;

  test(`a resident invites an advocate, who acts within scope until withdrawn (${label})`, { timeout: TEST_TIMEOUT }, async () => {
    const { context, page, errors } = await open(browser(), mode);
    await signIn(page, email);
    await page.goto('/account');
    await page.getByRole('link', { name: 'People who can act for you' }).click();
    await page.waitForURL('**/account/people');
    await check(page, `people who can act for you (${label})`);

    // A mistake first: told, then sent.
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    await check(page, `invitation with mistakes (${label})`);
    await page.getByLabel('Their full name').fill('Sam Carter');
    await page.getByLabel('Their email address').fill(advocate);
    await page.getByLabel('A relative or friend').check();
    await page.getByLabel('Complaints and questions').check();
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await page.getByText(`We have emailed an invitation to ${advocate}`).waitFor();

    // The advocate follows the emailed link and sets up an account.
    const helper = await open(browser(), mode);
    await helper.page.goto('/dev/mailbox');
    const message = helper.page.locator('article', { hasText: `To ${advocate}` }).first();
    const href = await message.getByRole('link').first().getAttribute('href');
    assert.ok(href && href.includes('/invitations/'), 'an invitation link');
    await helper.page.goto(href);
    await check(helper.page, `an invitation (${label})`);
    assert.match(await helper.page.getByRole('main').innerText(), new RegExp(`${name} has asked you to act for them`));
    await helper.page.getByLabel('Choose a password').fill('a long and memorable passphrase');
    await helper.page.getByRole('button', { name: 'Set up my account and accept' }).click();
    await helper.page.getByText(`You can now act for ${name}`).waitFor();
    await check(helper.page, `invitation accepted (${label})`);

    // Within scope: a complaint for the resident. Outside it: their documents.
    await helper.page.goto('/cases');
    await helper.page.getByRole('link', { name: `Make a complaint for ${name}` }).waitFor();
    await helper.page.goto('/documents');
    assert.match(await helper.page.getByRole('main').innerText(), /Nobody has given you permission to read their documents/);

    // The resident withdraws; the advocate can act no longer.
    await page.goto('/account/people');
    assert.match(await page.getByRole('main').innerText(), /Sam Carter, a relative or friend/);
    await page.getByRole('button', { name: 'Stop Sam Carter acting for me' }).click();
    await page.getByText('Permission withdrawn').waitFor();
    await check(page, `permission withdrawn (${label})`);
    await helper.page.goto('/cases');
    assert.doesNotMatch(await helper.page.getByRole('main').innerText(), new RegExp(`Make a complaint for ${name}`));
    await helper.context.close();

    assert.deepEqual(errors, [], 'no script errors');
    await context.close();
  });
});
