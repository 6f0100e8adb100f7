// Repairs in every mode (phone and desktop, JavaScript on and off), axe on every page: the gas
// stop page; following the demo's open communal repair; reporting a repair and booking a
// visit; a colleague moving it along (operative on the way, completed) and the resident seeing
// it; saying it is not fixed, which reopens it as a recall.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODES, sharedBrowser, open, signIn, assertAccessible, assertNoSidewaysScroll, TEST_TIMEOUT } from './helpers.mjs';

const browser = sharedBrowser();

// Residents of Alder Court, one per mode, so the journeys do not meet.
const RESIDENTS = [
  'amira.hassan@example.org',
  'daniel.okafor@example.org',
  'margaret.lewis@example.org',
  'tom.bennett@example.org',
];
const PLANNER = 'sunita.patel@staff.example.org';

async function choose(page, label) {
  await page.getByLabel(label, { exact: true }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
}

async function check(page, what) {
  await assertAccessible(page, what);
  await assertNoSidewaysScroll(page, what);
}

MODES.forEach((mode, i) => {
  const label = mode.name;
  const email = RESIDENTS[i];

  test(`a resident reports and books a repair, follows a communal one, and reopens it (${label})`, { timeout: TEST_TIMEOUT }, async () => {
    const { context, page, errors } = await open(browser(), mode);
    await signIn(page, email);
    await page.getByRole('link', { name: 'Your repairs' }).first().click();
    await page.waitForURL('**/repairs');
    await check(page, `your repairs (${label})`);

    // Gas: stop and phone.
    await page.getByRole('link', { name: 'Report a repair' }).click();
    await page.waitForURL('**/repairs/report');
    await check(page, `emergency question (${label})`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    await choose(page, 'You can smell gas, or think there is a gas leak');
    await page.waitForURL('**/repairs/report/gas');
    assert.match(await page.getByRole('main').innerText(), /0800 111 999/);
    await check(page, `gas stop page (${label})`);

    // The lights on the stairs are already reported: follow that instead.
    await page.goto('/repairs/report');
    await choose(page, 'None of these');
    await page.waitForURL('**/repairs/report/question');
    await check(page, `where is the problem (${label})`);
    await choose(page, 'A shared area of your building');
    await page.waitForURL('**/repairs/report/communal');
    await check(page, `shared areas (${label})`);
    await page.getByRole('button', { name: /I have this problem too/ }).first().click();
    await page.waitForURL(/\/repairs\/RP-[A-Z0-9]+\?following=1$/);
    assert.match(await page.getByRole('main').innerText(), /You are following this repair/);
    await check(page, `a followed repair (${label})`);

    // Report a window that will not close, and book a visit.
    await page.goto('/repairs/report');
    await choose(page, 'None of these');
    await choose(page, 'Doors, windows or locks');
    await choose(page, 'A window will not open or close');
    await page.waitForURL('**/repairs/report/describe');
    await check(page, `describe (${label})`);
    await page.getByLabel('What is wrong, where exactly, and since when').fill('The bedroom window handle is broken and the window will not shut.');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/repairs/report/photos');
    await check(page, `photos (${label})`);
    await page.getByRole('link', { name: 'Continue without photos' }).click();
    await page.waitForURL('**/repairs/report/access');
    await check(page, `access (${label})`);
    await page.getByLabel('Phone number for this repair').fill('07700 900 982');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/repairs/report/check');
    await check(page, `check your answers (${label})`);
    assert.match(await page.getByRole('main').innerText(), /A window will not open or close/);
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.waitForURL(/\/repairs\/RP-[A-Z0-9]+\/reported$/);
    const reference = page.url().match(/RP-[A-Z0-9]+/)[0];
    await check(page, `repair reported (${label})`);
    await page.getByRole('link', { name: 'Book a visit' }).click();
    await page.waitForURL(`**/repairs/${reference}/book`);
    await check(page, `book a visit (${label})`);
    await page.locator('input[name="slot"]').first().check();
    await page.getByRole('button', { name: 'Book this visit' }).click();
    await page.waitForURL(`**/repairs/${reference}?booked=1`);
    assert.match(await page.getByRole('main').innerText(), /Visit booked/);
    await check(page, `a booked repair (${label})`);

    // A colleague moves it along.
    const staff = await open(browser(), mode);
    await signIn(staff.page, PLANNER);
    await staff.page.goto(`/staff/repairs/${reference}`);
    await check(staff.page, `staff repair page (${label})`);
    const form = (title) => staff.page.locator('form', { has: staff.page.getByRole('heading', { name: title, exact: true }) });
    await form('Operative on the way').getByLabel('Earliest arrival').fill('10:30am');
    await form('Operative on the way').getByLabel('Latest arrival').fill('11am');
    await form('Operative on the way').getByRole('button', { name: 'Tell the resident' }).click();
    await staff.page.getByText('Done').first().waitFor();
    await form('Record the visit').getByLabel('Repair completed on the visit').check();
    await form('Record the visit').getByLabel('What was done (shown to the resident)').fill('New window handle fitted.');
    await form('Record the visit').getByRole('button', { name: 'Record the visit' }).click();
    await staff.page.getByText('Repair completed on the visit').first().waitFor();
    await staff.page.goto('/staff/repairs');
    await check(staff.page, `repairs queue (${label})`);
    await staff.context.close();

    // The resident sees it, says it is not fixed, and it is reopened as a recall.
    await page.goto(`/repairs/${reference}`);
    const text = await page.getByRole('main').innerText();
    assert.match(text, /Operative on the way/);
    assert.match(text, /between 10:30am and 11am/);
    assert.match(text, /New window handle fitted/);
    await check(page, `a completed repair (${label})`);
    await page.getByLabel('No, it is not fixed').check();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.waitForURL('**/repairs/report/describe');
    await page.getByLabel('What is wrong, where exactly, and since when').fill('The window still will not shut.');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('link', { name: 'Continue without photos' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/repairs/report/check');
    assert.match(await page.getByRole('main').innerText(), new RegExp(`reopens repair ${reference}`));
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.waitForURL(/\/repairs\/RP-[A-Z0-9]+\/reported$/);
    const recall = page.url().match(/RP-[A-Z0-9]+/)[0];
    assert.notEqual(recall, reference);
    await page.goto(`/repairs/${recall}`);
    assert.match(await page.getByRole('main').innerText(), new RegExp(`Reopened: ${reference} was not fixed`));

    assert.deepEqual(errors, [], 'no script errors');
    await context.close();
  });
});
