// Every contact a case, in every mode (phone and desktop, JavaScript on and off), axe on every
// page: someone who has not signed in sends "Contact us" and is told which team has it and by
// when; a colleague finds it in the workspace, sees how to reply, and replies; the message is
// then finished.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODES, sharedBrowser, open, signIn, assertAccessible, assertNoSidewaysScroll, TEST_TIMEOUT } from './helpers.mjs';

const browser = sharedBrowser();
const SERVICES = 'chris.morgan@staff.example.org';

async function check(page, what) {
  await assertAccessible(page, what);
  await assertNoSidewaysScroll(page, what);
}

const form = (page, title) => page.locator('form', { has: page.getByRole('heading', { name: title, exact: true }) });

for (const mode of MODES) {
  const label = mode.name;
  test(`a message from someone not signed in reaches a colleague and is answered (${label})`, { timeout: TEST_TIMEOUT }, async () => {
    const { context, page, errors } = await open(browser(), mode);
    await page.goto('/contact');
    await page.getByLabel('Your name').fill(`Jo Visitor ${label}`);
    await page.getByLabel('Email address').fill('jo.visitor@example.org');
    await page.getByLabel('Your message').fill('Do you have any garages to rent near Alder Court?');
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.waitForURL(/\/contact\/sent\/CM-[2-9A-Z]{6}$/);
    const reference = page.url().split('/').pop();
    const told = await page.getByRole('main').innerText();
    assert.match(told, /It has gone to our Customer services team/);
    assert.match(told, /We aim to reply by \w+ \d+ \w+ \d{4} \(within 3 working days\)/);
    await check(page, `message sent (${label})`);

    const chris = await open(browser(), mode);
    await signIn(chris.page, SERVICES);
    // The colleague finds it in the workspace, among every kind of work.
    await chris.page.getByRole('banner').getByRole('link', { name: 'Workspace', exact: true }).click();
    await chris.page.waitForURL('**/staff/work');
    await check(chris.page, `workspace (${label})`);
    await chris.page.getByLabel('Type').selectOption('message');
    await chris.page.getByRole('button', { name: 'Filter' }).click();
    await chris.page.waitForURL(/\/staff\/work\?.*kind=message/);
    await chris.page.getByRole('link', { name: new RegExp(reference) }).click();
    await chris.page.waitForURL(`**/staff/cases/${reference}`);
    const staff = await chris.page.getByRole('main').innerText();
    assert.match(staff, new RegExp(`Jo Visitor ${label} \\(not signed in\\): email jo.visitor@example.org`));
    await check(chris.page, `a visitor's message, for a colleague (${label})`);
    await form(chris.page, 'Reply').getByLabel('The reply').fill('Yes: two garages are free. Phone us to view them.');
    await form(chris.page, 'Reply').getByRole('button', { name: 'Send the reply' }).click();
    await chris.page.getByRole('alert').filter({ hasText: 'Done' }).waitFor();
    assert.match(await chris.page.getByRole('main').innerText(), /Replied/);
    await check(chris.page, `message replied to (${label})`);
    assert.deepEqual(chris.errors, [], 'no script errors for the colleague');
    await chris.context.close();
    assert.deepEqual(errors, [], 'no script errors');
    await context.close();
  });
}
