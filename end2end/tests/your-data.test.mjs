// "Your data" and permissions recorded by colleagues, in every mode (phone and desktop,
// JavaScript on and off), axe on every page: a resident reads everything held about them on a
// page, downloads it as a file, and asks to see the information held; a colleague sends it and
// the resident sees it answered. A colleague records a permission to follow repairs that the
// resident signed on paper, with the form attached; the resident sees it among the people who can
// act for them; the advocate chooses a password from the emailed link and follows the resident's
// repairs (and books a visit for Amira Hassan), but cannot read their documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { MODES, sharedBrowser, open, signIn, assertAccessible, assertNoSidewaysScroll, TEST_TIMEOUT } from './helpers.mjs';

const browser = sharedBrowser();

// One resident per mode, so the journeys do not meet, with a repair of theirs in the demo.
const RESIDENTS = [
  ['amira.hassan@example.org', 'Amira Hassan', 'Extractor fan not working'],
  ['daniel.okafor@example.org', 'Daniel Okafor', null],
  ['margaret.lewis@example.org', 'Margaret Lewis', 'Damp or mould'],
  ['tom.bennett@example.org', 'Tom Bennett', null],
];
const ADVOCATE_PASSWORD = 'a long and memorable passphrase';
const SERVICES = 'chris.morgan@staff.example.org';

async function check(page, what) {
  await assertAccessible(page, what);
  await assertNoSidewaysScroll(page, what);
}

MODES.forEach((mode, i) => {
  const label = mode.name;
  const [email, name, repair] = RESIDENTS[i];

  test(`a resident downloads their data and asks to see what is held (${label})`, { timeout: TEST_TIMEOUT }, async () => {
    const { context, page, errors } = await open(browser(), mode);
    await signIn(page, email);
    await page.goto('/account');
    await page.getByRole('link', { name: /Your data: see and download/ }).click();
    await page.waitForURL('**/account/your-data');
    await check(page, `your data (${label})`);

    // Everything held, on a page.
    await page.getByRole('link', { name: 'See your data on a page' }).click();
    await page.waitForURL('**/account/your-data/all');
    await page.getByRole('heading', { level: 1, name: `Everything Doorstep holds about ${name}` }).waitFor();
    const all = await page.getByRole('main').innerText();
    assert.match(all, /Your homes/);
    assert.match(all, /Account activity and who looked at your records/);
    await check(page, `everything held (${label})`);

    // The same as a file.
    await page.goto('/account/your-data');
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download your data as a file' }).click(),
    ]);
    assert.match(file.suggestedFilename(), /^doorstep-your-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(await readFile(await file.path(), 'utf8'));
    assert.equal(data.person, name);
    assert.ok(data.sections.some((s) => s.title === 'Repairs'), 'a repairs section');

    // Asking to see the information held: a reference and what happens next.
    await page.getByLabel(/Is there anything in particular you are looking for/).fill('Letters about my repairs');
    await page.getByRole('button', { name: 'Send my request' }).click();
    await page.waitForURL(/\/account\/your-data\/SA-[A-Z0-9]+\?sent=1$/);
    const reference = page.url().match(/SA-[A-Z0-9]+/)[0];
    await page.getByRole('alert').filter({ hasText: `Your reference is ${reference}` }).waitFor();
    assert.match(await page.getByRole('main').innerText(), /We are gathering the information we hold about you/);
    await check(page, `request sent (${label})`);

    // A colleague sends the information and records how.
    const chris = await open(browser(), mode);
    await signIn(chris.page, SERVICES);
    await chris.page.goto('/staff/cases');
    await chris.page.getByRole('link', { name: 'Requests to see personal information' }).click();
    await chris.page.waitForURL('**/staff/subject-access');
    await check(chris.page, `requests queue (${label})`);
    await chris.page.getByRole('link', { name: `Request ${reference}` }).click();
    await chris.page.waitForURL(`**/staff/subject-access/${reference}`);
    await check(chris.page, `a request (${label})`);
    await chris.page.getByLabel('How and what was sent').fill('By secure email, 12 pages');
    await chris.page.getByRole('button', { name: 'Record as sent and tell the resident' }).click();
    await chris.page.getByRole('alert').filter({ hasText: 'Information sent' }).waitFor();
    await check(chris.page, `request answered (${label})`);
    assert.deepEqual(chris.errors, [], 'no script errors for the colleague');
    await chris.context.close();

    await page.goto(`/account/your-data/${reference}`);
    const answered = await page.getByRole('main').innerText();
    assert.match(answered, /Information sent/);
    assert.match(answered, /By secure email, 12 pages/);
    await check(page, `request answered, as the resident sees it (${label})`);
    assert.deepEqual(errors, [], 'no script errors');
    await context.close();
  });

  test(`a colleague records a permission the resident signed on paper (${label})`, { timeout: TEST_TIMEOUT }, async () => {
    const chris = await open(browser(), mode);
    await signIn(chris.page, SERVICES);
    await chris.page.goto(`/staff/residents?q=${encodeURIComponent(name)}`);
    await chris.page.getByRole('link', { name }).click();
    await chris.page.waitForURL(/\/staff\/residents\/\d+$/);
    const form = chris.page.locator('form', { hasText: 'Record a permission' });
    // A mistake first: told, and what was typed is kept.
    await form.getByLabel('The full name of the person who may act for them').fill('Robin Hale');
    await form.getByRole('button', { name: 'Record the permission' }).click();
    await chris.page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    assert.match(await chris.page.getByRole('main').innerText(), /Upload the signed form|Select how the resident gave permission/);
    await check(chris.page, `permission with mistakes (${label})`);

    const again = chris.page.locator('form', { hasText: 'Record a permission' });
    assert.equal(await again.getByLabel('The full name of the person who may act for them').inputValue(), 'Robin Hale');
    const robinEmail = `robin.hale.${i}.${Date.now()}@example.net`;
    await again.getByLabel('Their email address').fill(robinEmail);
    await again.getByLabel('A support worker or carer').check();
    await again.getByLabel('Repairs', { exact: true }).check();
    await again.getByLabel('A signed form or letter', { exact: true }).check();
    await again.getByLabel('The signed form or letter', { exact: true }).setInputFiles({
      name: 'authority.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% signed authority\n%%EOF\n'),
    });
    const last = again.getByRole('group', { name: 'The last day it lasts' });
    const next = new Date();
    next.setFullYear(next.getFullYear() + 1);
    await last.getByLabel('Day').fill(String(next.getDate()));
    await last.getByLabel('Month').fill(String(next.getMonth() + 1));
    await last.getByLabel('Year').fill(String(next.getFullYear()));
    await again.getByRole('button', { name: 'Record the permission' }).click();
    await chris.page.getByRole('alert').filter({ hasText: `Recorded: Robin Hale can act for ${name}` }).waitFor();
    await chris.page.getByRole('link', { name: 'The signed form' }).first().waitFor();
    await check(chris.page, `permission recorded (${label})`);
    assert.deepEqual(chris.errors, [], 'no script errors for the colleague');
    await chris.context.close();

    const { context, page, errors } = await open(browser(), mode);
    await signIn(page, email);
    await page.goto('/account/people');
    const people = await page.getByRole('main').innerText();
    assert.match(people, /Robin Hale, a support worker or carer/);
    assert.match(people, /Recorded by us from a signed form/);
    await check(page, `people who can act for you, with one recorded by us (${label})`);
    assert.deepEqual(errors, [], 'no script errors');
    await context.close();

    // Robin chooses a password from the emailed link and follows the resident's repairs.
    const robin = await open(browser(), mode);
    await robin.page.goto('/dev/mailbox');
    const link = robin.page.locator('article', { hasText: `To ${robinEmail}` }).first().getByRole('link').first();
    const href = await link.getAttribute('href');
    assert.ok(href && href.includes('/set-password?token='), 'a link to choose a password');
    await robin.page.goto(href);
    await robin.page.getByLabel('New password').fill(ADVOCATE_PASSWORD);
    await robin.page.getByRole('button', { name: 'Save password' }).click();
    await robin.page.waitForURL('**/sign-in?done=password-changed');
    await robin.page.getByLabel('Email address').fill(robinEmail);
    await robin.page.getByLabel('Password', { exact: true }).fill(ADVOCATE_PASSWORD);
    await robin.page.getByRole('button', { name: 'Sign in' }).click();
    await robin.page.waitForURL('**/your-home');
    await robin.page.getByRole('link', { name: 'Repairs', exact: true }).click();
    await robin.page.waitForURL('**/repairs');
    await check(robin.page, `an advocate chooses whose repairs (${label})`);
    await robin.page.getByRole('link', { name: `Repairs for ${name}` }).click();
    await robin.page.waitForURL(/\/repairs\?for=\d+$/);
    await robin.page.getByRole('heading', { level: 1, name: `Repairs for ${name}` }).waitFor();
    await robin.page.getByRole('link', { name: `Report a repair for ${name}` }).waitFor();
    await check(robin.page, `a resident's repairs, for their advocate (${label})`);
    if (repair) {
      await robin.page.getByRole('link', { name: repair }).first().click();
      await robin.page.waitForURL(/\/repairs\/RP-[A-Z0-9]+$/);
      assert.match(await robin.page.getByRole('main').innerText(), new RegExp(`acting for ${name}`));
      await check(robin.page, `a repair, for the resident's advocate (${label})`);
      const book = robin.page.getByRole('link', { name: /^(Book a visit|Change the visit)$/ });
      if (await book.count()) {
        await book.click();
        await robin.page.getByRole('radio').first().check();
        await robin.page.getByRole('button', { name: 'Book this visit' }).click();
        await robin.page.waitForURL(/\/repairs\/RP-[A-Z0-9]+\?booked=1$/);
        assert.match(await robin.page.getByRole('main').innerText(), new RegExp(`Robin Hale, for ${name}`));
        await check(robin.page, `a visit booked by the advocate (${label})`);
      }
    }
    // Outside the permission: the resident's documents.
    await robin.page.goto('/documents');
    assert.match(await robin.page.getByRole('main').innerText(), /Nobody has given you permission to read their documents/);
    assert.deepEqual(robin.errors, [], 'no script errors for the advocate');
    await robin.context.close();
  });
});

// A Saturday at least two weeks ago whose date a month on is clear of bank holidays (the
// calendar itself is tested in the domain), and the date the law gives: the same date next
// month, or that month's last day, moved to the Monday if it is a weekend.
function saturdayAndLawDate(now = new Date()) {
  const day = (y, m, d) => new Date(Date.UTC(y, m, d));
  for (let back = 14; back < 300; back++) {
    const s = day(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - back);
    if (s.getUTCDay() !== 6) continue;
    const y = s.getUTCFullYear();
    const m = s.getUTCMonth() + 1;
    const last = day(y, m + 1, 0).getUTCDate();
    let due = day(y, m, Math.min(s.getUTCDate(), last));
    const [mm, dd] = [due.getUTCMonth() + 1, due.getUTCDate()];
    const nearHolidays = (mm === 12 && dd >= 20) || (mm === 1 && dd <= 5) || (mm === 3 && dd >= 15)
      || mm === 4 || mm === 5 || (mm === 6 && dd <= 3) || (mm === 8 && dd >= 20) || (mm === 9 && dd <= 3);
    if (nearHolidays) continue;
    while (due.getUTCDay() === 0 || due.getUTCDay() === 6) due = day(due.getUTCFullYear(), due.getUTCMonth(), due.getUTCDate() + 1);
    return { saturday: s, due };
  }
  throw new Error('no Saturday found');
}

const words = (d, weekday) => d.toLocaleDateString('en-GB', { timeZone: 'UTC', ...(weekday ? { weekday: 'long' } : {}), day: 'numeric', month: 'long', year: 'numeric' }).replace(',', '');

MODES.forEach((mode, i) => {
  const label = mode.name;
  const [email, name] = RESIDENTS[i];

  test(`a request to see information made on a Saturday is due on the law's date (${label})`, { timeout: TEST_TIMEOUT }, async () => {
    const { saturday, due } = saturdayAndLawDate();
    const chris = await open(browser(), mode);
    await signIn(chris.page, SERVICES);
    await chris.page.goto(`/staff/residents?q=${encodeURIComponent(name)}`);
    await chris.page.getByRole('link', { name }).click();
    await chris.page.waitForURL(/\/staff\/residents\/\d+$/);
    const form = chris.page.locator('form', { hasText: 'Record a request made by phone, letter, email or in person' });
    await form.getByLabel('Letter', { exact: true }).check();
    await form.getByLabel('The date it reached us').fill(saturday.toISOString().slice(0, 10));
    await form.getByLabel('Yes', { exact: true }).check();
    await form.getByLabel('What they asked for (optional)').fill('Everything about my damp reports, by letter received on a Saturday');
    await form.getByRole('button', { name: 'Record the request' }).click();
    await chris.page.waitForURL(/\/staff\/(residents\/\d+|subject-access\/SA-[A-Z0-9]+)/);
    await check(chris.page, `a Saturday request recorded (${label})`);
    assert.deepEqual(chris.errors, [], 'no script errors for the colleague');
    await chris.context.close();

    // The resident sees the same date: received that Saturday, due on the law's date.
    const { context, page, errors } = await open(browser(), mode);
    await signIn(page, email);
    await page.goto('/account/your-data');
    const line = page.locator('li', { hasText: `Received ${words(saturday, true)}.` }).first();
    await line.waitFor();
    assert.match(await line.innerText(), new RegExp(`Due by ${words(due, false)} at \\d{1,2}:\\d{2}[ap]m\\.`));
    await check(page, `a Saturday request, as the resident sees it (${label})`);
    assert.deepEqual(errors, [], 'no script errors');
    await context.close();
  });
});
