// Getting into an account, in every mode: set one up from a tenancy reference, confirm it from
// the emailed link (read in the development mailbox), sign out, reset the forgotten password
// from another emailed link, and sign in with the new one. Every page is scanned with axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODES, sharedBrowser, open, assertAccessible, assertNoSidewaysScroll, TEST_TIMEOUT } from './helpers.mjs';

const browser = sharedBrowser();

// Demo residents with no account yet: one per mode, so the journeys do not meet.
const RESIDENTS = [
  { name: 'Siobhan Kelly', flat: 'Flat 5, Alder Court', reference: 'TEN-100005', born: ['30', '8', '1983'] },
  { name: 'Piotr Nowak', flat: 'Flat 6, Alder Court', reference: 'TEN-100006', born: ['17', '5', '1975'] },
  { name: 'Aisha Begum', flat: 'Flat 7, Alder Court', reference: 'TEN-100007', born: ['3', '12', '1996'] },
  { name: 'Leon Campbell', flat: 'Flat 8, Alder Court', reference: 'TEN-100008', born: ['27', '2', '1968'] },
];

/** Follows the newest link in the mailbox sent to `email`. */
async function followEmailedLink(page, email, subject) {
  // Some emails (a password reset) are sent just after the answer: look again for a few seconds.
  const message = page.locator('article', { hasText: `To ${email}` }).filter({ hasText: subject }).first();
  for (let tries = 0; ; tries++) {
    await page.goto('/dev/mailbox');
    if (await message.count() > 0 || tries >= 50) break;
    await page.waitForTimeout(200);
  }
  const href = await message.getByRole('link').first().getAttribute('href');
  assert.ok(href, `a link in "${subject}" to ${email}`);
  await page.goto(href);
}

MODES.forEach((mode, i) => {
  const who = RESIDENTS[i];
  const email = `${who.reference.toLowerCase()}@example.net`;
  const label = mode.name;

  test(`a resident sets up an account, signs out and resets the password (${label})`, { timeout: TEST_TIMEOUT }, async () => {
    const { context, page, errors } = await open(browser(), mode);

    // Claim, first with a date of birth that does not match.
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'set up your account' }).click();
    await page.waitForURL('**/claim-account');
    await assertAccessible(page, `claim form (${label})`);
    await page.getByLabel('Tenancy or lease reference').fill(who.reference);
    await page.getByLabel('Postcode of your home').fill('ng9 4ab');
    await page.getByLabel('Day').fill('1');
    await page.getByLabel('Month').fill(who.born[1]);
    await page.getByLabel('Year').fill(who.born[2]);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Create a password').fill('window kettle orchard');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    assert.match(await page.title(), /^Error: /);
    assert.match(await page.getByRole('main').innerText(), /could not match these details/);
    assert.equal(await page.getByLabel('Email address').inputValue(), email, 'what was typed comes back');
    assert.equal(await page.getByLabel('Create a password').inputValue(), '', 'the password never comes back');
    await assertAccessible(page, `claim form with an error (${label})`);
    await assertNoSidewaysScroll(page, `claim form (${label})`);

    await page.getByLabel('Day').fill(who.born[0]);
    await page.getByLabel('Create a password').fill('window kettle orchard');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/check-your-email');
    await assertAccessible(page, `check your email (${label})`);

    // Confirm from the emailed link.
    await followEmailedLink(page, email, 'Confirm your Doorstep account');
    await page.getByRole('heading', { name: 'Confirm your account' }).waitFor();
    await assertAccessible(page, `confirm account (${label})`);
    await page.getByRole('button', { name: 'Finish setting up my account' }).click();
    await page.waitForURL('**/your-home');
    assert.match(await page.getByRole('main').innerText(), new RegExp(who.flat));
    assert.match(await page.getByRole('banner').innerText(), new RegExp(`Signed in as ${who.name}`));
    await assertAccessible(page, `your home after confirming (${label})`);

    await page.getByRole('link', { name: 'Your account' }).click();
    await page.waitForURL('**/account');
    assert.match(await page.getByRole('main').innerText(), /Signed in/);
    await assertAccessible(page, `your account (${label})`);
    await assertNoSidewaysScroll(page, `your account (${label})`);

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL('**/signed-out');

    // Forgotten password: ask for a link, choose a new one, sign in with it.
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgotten your password?' }).click();
    await page.waitForURL('**/reset-password');
    await assertAccessible(page, `reset form (${label})`);
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.waitForURL('**/check-your-email');

    await followEmailedLink(page, email, 'Reset your Doorstep password');
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel('New password').fill('password1');
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    assert.match(await page.getByRole('main').innerText(), /too easy to guess/);
    await assertAccessible(page, `new password with an error (${label})`);
    await page.getByLabel('New password').fill('harbour violet teapot');
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.waitForURL('**/sign-in?done=password-changed');
    assert.match(await page.getByRole('main').innerText(), /Your password has been changed/);
    await assertAccessible(page, `signed in after reset (${label})`);

    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('harbour violet teapot');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/your-home');
    assert.match(await page.getByRole('main').innerText(), new RegExp(who.flat));

    // The reset link is spent.
    await followEmailedLink(page, email, 'Reset your Doorstep password');
    await page.getByRole('heading', { name: 'This link has expired or has already been used' }).waitFor();

    assert.deepEqual(errors, [], 'no script errors');
    await context.close();
  });
});
