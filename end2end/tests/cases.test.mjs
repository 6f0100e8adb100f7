// Complaints, compliments and questions in every mode (phone and desktop, JavaScript on and
// off), axe on every page: a resident's complaint through stage 1, escalation and the final
// response, with the colleagues' steps in between; a compliment; a question answered; and an
// advocate's complaint for the resident who gave them permission.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODES, sharedBrowser, open, signIn, assertAccessible, assertNoSidewaysScroll, TEST_TIMEOUT } from './helpers.mjs';

const browser = sharedBrowser();

const RESIDENTS = [
  'amira.hassan@example.org',
  'daniel.okafor@example.org',
  'margaret.lewis@example.org',
  'tom.bennett@example.org',
];
const HANDLER = 'owen.davies@staff.example.org';
const MANAGER = 'fiona.reid@staff.example.org';
const SERVICES = 'chris.morgan@staff.example.org';
const ADVOCATE = 'priya.shah@advice.example.org';

async function check(page, what) {
  await assertAccessible(page, what);
  await assertNoSidewaysScroll(page, what);
}

async function answer(page, label, value) {
  await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Continue' }).click();
}

// The staff page's form with this heading.
const form = (page, title) => page.locator('form', { has: page.getByRole('heading', { name: title, exact: true }) });

async function staffStep(page, title, fill, button) {
  await fill(form(page, title));
  await form(page, title).getByRole('button', { name: button }).click();
  await page.getByRole('alert').filter({ hasText: 'Done' }).waitFor();
}

MODES.forEach((mode, i) => {
  const label = mode.name;
  const email = RESIDENTS[i];

  test(`a complaint goes to stage 2 and a final response (${label})`, { timeout: TEST_TIMEOUT }, async () => {
    const { context, page, errors } = await open(browser(), mode);
    await signIn(page, email);
    await page.getByRole('link', { name: 'Your contacts' }).first().click();
    await page.waitForURL('**/cases');
    await check(page, `complaints and questions (${label})`);
    await page.getByRole('link', { name: 'Make a complaint' }).click();
    await page.waitForURL('**/cases/new/complaint/what');
    await check(page, `what happened (${label})`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    await check(page, `what happened, with an error (${label})`);
    await answer(page, 'What happened?', 'The door entry system has been broken for a month and nobody has said when it will be fixed.');
    await page.waitForURL('**/cases/new/complaint/when');
    await check(page, `when (${label})`);
    await answer(page, 'When did it happen?', 'Since 20 October');
    await answer(page, 'What would you like us to do to put things right?', 'Fix it, and tell us what is happening');
    await page.waitForURL('**/cases/new/complaint/adjustments');
    await check(page, `adjustments (${label})`);
    await answer(page, 'Do you need anything from us to take part? (optional)', 'Large print letters');
    await page.waitForURL('**/cases/new/complaint/related');
    await check(page, `related reference (${label})`);
    await answer(page, 'Is it about a repair or something else you have told us about? (optional)', '');
    await page.waitForURL('**/cases/new/complaint/check');
    await check(page, `check your complaint (${label})`);
    await page.getByRole('button', { name: 'Send the complaint' }).click();
    await page.waitForURL(/\/cases\/CP-[A-Z0-9]+\?sent=1$/);
    const reference = page.url().match(/CP-[A-Z0-9]+/)[0];
    assert.match(await page.getByRole('main').innerText(), /We will acknowledge your complaint by/);
    await check(page, `complaint sent (${label})`);

    // Stage 1: acknowledged, assigned and answered by the complaints handler.
    const owen = await open(browser(), mode);
    await signIn(owen.page, HANDLER);
    await owen.page.goto('/staff/cases');
    await check(owen.page, `cases queue (${label})`);
    await owen.page.goto(`/staff/cases/${reference}`);
    await check(owen.page, `staff case page (${label})`);
    await staffStep(owen.page, 'Acknowledge', async (f) => {
      await f.getByLabel('The complaint as we understand it').fill('The door entry has been broken since 20 October and you have had no updates.');
    }, 'Send the acknowledgement');
    await staffStep(owen.page, 'Assign a handler', async (f) => { await f.getByLabel('Owen Davies').check(); }, 'Assign');
    await staffStep(owen.page, 'Send the response', async (f) => {
      await f.getByLabel('Partly upheld').check();
      await f.getByLabel('Our decision on each point').fill('The repair was delayed by a part. We should have told you.');
      await f.getByLabel('The reasons', { exact: true }).fill('Our standard is an update every 10 working days.');
    }, 'Send the response');
    await check(owen.page, `staff case page after stage 1 (${label})`);

    // The resident reads it and escalates.
    await page.goto(`/cases/${reference}`);
    assert.match(await page.getByRole('main').innerText(), /Partly upheld/);
    await check(page, `stage 1 response (${label})`);
    await page.getByRole('button', { name: 'Take my complaint to stage 2' }).click();
    await page.waitForURL(`**/cases/${reference}?escalated=1`);
    await check(page, `escalated (${label})`);

    // Stage 2: acknowledged by the handler, given to the manager, who answers.
    await owen.page.goto(`/staff/cases/${reference}`);
    await staffStep(owen.page, 'Acknowledge', async (f) => {
      await f.getByLabel('The complaint as we understand it').fill('You want the stage 1 decision reviewed.');
    }, 'Send the acknowledgement');
    assert.equal(await form(owen.page, 'Assign a handler').getByLabel('Owen Davies').count(), 0, 'not the stage 1 handler');
    await staffStep(owen.page, 'Assign a handler', async (f) => { await f.getByLabel('Fiona Reid').check(); }, 'Assign');
    await owen.context.close();
    const fiona = await open(browser(), mode);
    await signIn(fiona.page, MANAGER);
    await fiona.page.goto(`/staff/cases/${reference}`);
    await staffStep(fiona.page, 'Send the response', async (f) => {
      await f.getByLabel('Upheld', { exact: true }).check();
      await f.getByLabel('Our decision on each point').fill('We agree: you should have had updates. The door entry is fixed.');
      await f.getByLabel('The reasons', { exact: true }).fill('We did not meet our own standard.');
      await f.getByLabel('What we will do to put things right (optional)').fill('An apology and £25 for the inconvenience.');
    }, 'Send the response');
    await fiona.context.close();

    await page.goto(`/cases/${reference}`);
    const text = await page.getByRole('main').innerText();
    assert.match(text, /This is our final response/);
    assert.match(text, /Housing Ombudsman Service/);
    assert.match(text, /An apology and £25/);
    await check(page, `final response (${label})`);
    assert.deepEqual(errors, [], 'no script errors');
    await context.close();
  });

  test(`a compliment, a question and an advocate's complaint (${label})`, { timeout: TEST_TIMEOUT }, async () => {
    const { context, page, errors } = await open(browser(), mode);
    await signIn(page, email);
    await page.goto('/cases');
    await page.getByRole('link', { name: 'Give a compliment' }).click();
    await page.waitForURL('**/cases/new/compliment/who');
    await check(page, `who to thank (${label})`);
    await answer(page, 'Who would you like to thank?', 'Chris in customer services');
    await answer(page, 'What did they do?', 'Chris sorted out my rent statement in one phone call.');
    await page.waitForURL('**/cases/new/compliment/check');
    await page.getByRole('button', { name: 'Send the compliment' }).click();
    await page.waitForURL(/\/cases\/PR-[A-Z0-9]+\?sent=1$/);
    const compliment = page.url().match(/PR-[A-Z0-9]+/)[0];
    await check(page, `compliment sent (${label})`);

    await page.goto('/cases');
    await page.getByRole('link', { name: 'Ask a question' }).click();
    await answer(page, 'What would you like to ask?', 'Can I have a second parking permit?');
    await page.getByRole('button', { name: 'Send the question' }).click();
    await page.waitForURL(/\/cases\/EQ-[A-Z0-9]+\?sent=1$/);
    const question = page.url().match(/EQ-[A-Z0-9]+/)[0];
    assert.match(await page.getByRole('main').innerText(), /will answer your question by/);

    const chris = await open(browser(), mode);
    await signIn(chris.page, SERVICES);
    await chris.page.goto(`/staff/cases/${compliment}`);
    await staffStep(chris.page, 'Pass the compliment on', async (f) => { await f.getByLabel('Chris Morgan').check(); }, 'Pass it on');
    await chris.page.goto(`/staff/cases/${question}`);
    await staffStep(chris.page, 'Answer the question', async (f) => {
      await f.getByLabel('The answer').fill('Yes: apply at the office with your car registration.');
    }, 'Send the answer');
    await chris.context.close();

    await page.goto(`/cases/${question}`);
    assert.match(await page.getByRole('main').innerText(), /apply at the office/);
    await check(page, `question answered (${label})`);
    await page.getByRole('link', { name: 'Make a complaint about this' }).click();
    await page.waitForURL(`**/cases/new/complaint/what?about=${question}`);
    assert.match(await page.getByRole('main').innerText(), new RegExp(`About ${question}`));
    await page.goto(`/cases/${compliment}`);
    assert.match(await page.getByRole('main').innerText(), /Passed on/);
    assert.deepEqual(errors, [], 'no script errors');
    await context.close();

    // Priya acts for Margaret Lewis, who gave her permission for complaints.
    const priya = await open(browser(), mode);
    await signIn(priya.page, ADVOCATE);
    await priya.page.goto('/cases');
    await check(priya.page, `advocate's cases (${label})`);
    await priya.page.getByRole('link', { name: 'Make a complaint for Margaret Lewis' }).click();
    await answer(priya.page, 'What happened?', `Mrs Lewis was not told about a cancelled visit (${label}).`);
    await answer(priya.page, 'When did it happen?', 'Last Tuesday');
    await answer(priya.page, 'What would you like us to do to put things right?', 'Rebook the visit and phone her advocate first');
    await answer(priya.page, 'Do you need anything from us to take part? (optional)', '');
    await answer(priya.page, 'Is it about a repair or something else you have told us about? (optional)', '');
    await priya.page.waitForURL('**/cases/new/complaint/check');
    assert.match(await priya.page.getByRole('main').innerText(), /on behalf of Margaret Lewis/);
    await check(priya.page, `advocate checks (${label})`);
    await priya.page.getByRole('button', { name: 'Send the complaint' }).click();
    await priya.page.waitForURL(/\/cases\/CP-[A-Z0-9]+\?sent=1$/);
    assert.match(await priya.page.getByRole('main').innerText(), /Priya Shah on behalf of Margaret Lewis/);
    await check(priya.page, `advocate's complaint sent (${label})`);
    assert.deepEqual(priya.errors, [], 'no script errors');
    await priya.context.close();
  });
});
