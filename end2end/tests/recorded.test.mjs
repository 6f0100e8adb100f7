// A repair reported by phone, in every mode (phone and desktop, JavaScript on and off), axe on
// every page: a colleague finds the resident by name, records the call through the same
// questions the resident would answer (damp and mould, with its hazard deadlines), and lands
// on the job; the resident then sees it under "Your contacts", marked as recorded from a phone
// call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODES, sharedBrowser, open, signIn, assertAccessible, assertNoSidewaysScroll, TEST_TIMEOUT } from './helpers.mjs';

const browser = sharedBrowser();
const SERVICES = 'chris.morgan@staff.example.org';
const MARGARET = 'margaret.lewis@example.org';

async function check(page, what) {
  await assertAccessible(page, what);
  await assertNoSidewaysScroll(page, what);
}

async function choose(page, label) {
  await page.getByLabel(label, { exact: true }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
}

for (const mode of MODES) {
  const label = mode.name;
  test(`a phone repair recorded by a colleague is seen by the resident under Your contacts (${label})`, { timeout: TEST_TIMEOUT }, async () => {
    const { context, page, errors } = await open(browser(), mode);
    await signIn(page, SERVICES);
    // Found by name, the way people type it.
    await page.goto('/staff/residents?q=lewis');
    await page.getByRole('link', { name: 'Margaret Lewis' }).click();
    await page.waitForURL(/\/staff\/residents\/\d+$/);
    await page.getByRole('link', { name: 'Record a repair' }).click();
    await page.waitForURL(/\/repairs\/report\/for\?person=\d+$/);
    const first = await page.getByRole('main').innerText();
    assert.match(first, /Record a repair for Margaret Lewis/);
    assert.match(first, /Large print letters/, 'her needs are on the page');
    await check(page, `record a repair: how and when we were told (${label})`);
    // A phone call, now (the form's own suggestion).
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/repairs/report');
    await choose(page, 'None of these');
    await choose(page, 'Walls, ceilings or floors (including damp and mould)');
    await choose(page, 'Damp or mould');
    await choose(page, 'A larger area');
    await choose(page, 'A bedroom');
    await choose(page, 'Yes');
    await check(page, `the hazard question, for a colleague (${label})`);
    await choose(page, 'No');
    await page.waitForURL('**/repairs/report/describe');
    const description = `Mould on the bedroom wall behind the bed (${label}); she rang about it.`;
    await page.getByLabel('What is wrong, where exactly, and since when').fill(description);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/repairs/report/photos');
    await page.getByRole('link', { name: 'Continue without photos' }).click();
    await page.waitForURL('**/repairs/report/access');
    await page.getByLabel('Phone number for this repair').fill('07700 900 123');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/repairs/report/check');
    const summary = await page.getByRole('main').innerText();
    assert.match(summary, /This repair is for Margaret Lewis/);
    assert.match(summary, /Phone call/);
    assert.match(summary, /When we were told/);
    assert.match(summary, /Awaab's Law|we will investigate/i);
    await check(page, `check your answers, for a colleague (${label})`);
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.waitForURL(/\/staff\/repairs\/RP-[A-Z0-9]+$/);
    const reference = page.url().match(/RP-[A-Z0-9]+/)[0];
    const job = await page.getByRole('main').innerText();
    assert.match(job, /Repair recorded for Margaret Lewis/);
    assert.match(job, /Margaret Lewis \(Phone call, recorded by a colleague\)/);
    await check(page, `a recorded repair, for the colleague (${label})`);
    assert.deepEqual(errors, [], 'no script errors for the colleague');
    await context.close();

    // Margaret sees it among her contacts, and its page says how it reached us.
    const resident = await open(browser(), mode);
    await signIn(resident.page, MARGARET);
    await resident.page.goto('/cases');
    await resident.page.getByRole('link', { name: new RegExp(reference) }).first().waitFor();
    await check(resident.page, `your contacts with a recorded repair (${label})`);
    await resident.page.goto(`/repairs/${reference}`);
    const theirs = await resident.page.getByRole('main').innerText();
    assert.match(theirs, /Recorded for you from a phone call/);
    await check(resident.page, `a recorded repair, for the resident (${label})`);
    assert.deepEqual(resident.errors, [], 'no script errors for the resident');
    await resident.context.close();
  });
}
