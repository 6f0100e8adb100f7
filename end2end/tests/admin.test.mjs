// The administrator's pages and the development mailbox, in every mode: they must fit a phone
// (a wide table scrolls inside its own box) and pass axe, and a colleague can be invited
// without JavaScript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODES, sharedBrowser, open, signIn, assertAccessible, assertNoSidewaysScroll, TEST_TIMEOUT } from './helpers.mjs';

const browser = sharedBrowser();

MODES.forEach((mode, i) => {
  test(`an administrator invites a colleague and reads the audit trail (${mode.name})`, { timeout: TEST_TIMEOUT }, async () => {
    const { context, page, errors } = await open(browser(), mode);
    await signIn(page, 'alex.kim@staff.example.org');
    await page.getByRole('link', { name: 'Staff accounts' }).first().click();
    await page.waitForURL('**/admin/staff');
    await assertAccessible(page, `staff accounts (${mode.name})`);
    await assertNoSidewaysScroll(page, `staff accounts (${mode.name})`);

    const email = `colleague${i}@staff.example.org`;
    await page.getByLabel('Full name').fill(`Colleague ${i}`);
    await page.getByLabel('Work email address').fill(email);
    await page.getByLabel('Repairs planner').check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/admin/staff?done=invited');
    assert.match(await page.getByRole('main').innerText(), new RegExp(`Colleague ${i}`));

    await page.goto('/admin/audit');
    assert.match(await page.getByRole('main').innerText(), /staff created/);
    await assertAccessible(page, `audit trail (${mode.name})`);
    await assertNoSidewaysScroll(page, `audit trail (${mode.name})`);

    await page.goto('/dev/mailbox');
    assert.match(await page.getByRole('main').innerText(), new RegExp(`To ${email}`));
    await assertAccessible(page, `mailbox (${mode.name})`);
    await assertNoSidewaysScroll(page, `mailbox (${mode.name})`);

    assert.deepEqual(errors, [], 'no script errors');
    await context.close();
  });
});

MODES.forEach((mode, i) => {
  test(`an administrator builds a team and sends new repairs to it (${mode.name})`, { timeout: TEST_TIMEOUT }, async () => {
    const { context, page, errors } = await open(browser(), mode);
    await signIn(page, 'alex.kim@staff.example.org');
    await page.goto('/admin/staff');
    await page.getByRole('link', { name: 'Teams, managers and where new cases go' }).click();
    await page.waitForURL('**/admin/teams');

    // A name already in use is refused, with the error summary pointing at the field.
    await page.getByLabel('Team name').fill('repairs');
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.waitForURL('**/admin/teams');
    assert.match(await page.getByRole('main').innerText(), /There is already a team called Repairs/);
    await assertAccessible(page, `teams with an error (${mode.name})`);

    const team = `Estate services ${i}`;
    await page.getByLabel('Team name').fill(team);
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.waitForURL('**/admin/teams');
    assert.match(await page.getByRole('main').innerText(), new RegExp(`${team} created`));

    await page.getByLabel(`Add a colleague to ${team}`).selectOption({ label: 'Chris Morgan' });
    await page.getByRole('button', { name: `Add to team ${team}` }).click();
    await page.waitForURL('**/admin/teams');
    assert.match(await page.getByRole('main').innerText(), new RegExp(`Chris Morgan added to ${team}`));
    await page.getByRole('button', { name: `Make manager for Chris Morgan in ${team}` }).click();
    await page.waitForURL('**/admin/teams');
    assert.match(await page.getByRole('main').innerText(), new RegExp(`Chris Morgan now manages ${team}`));

    await page.getByLabel('Team for new repairs').selectOption({ label: team });
    await page.getByRole('button', { name: 'Save where new repairs go' }).click();
    await page.waitForURL('**/admin/teams');
    assert.match(await page.getByRole('main').innerText(), new RegExp(`New repairs go to ${team}`));
    await assertAccessible(page, `teams (${mode.name})`);
    await assertNoSidewaysScroll(page, `teams (${mode.name})`);

    assert.deepEqual(errors, [], 'no script errors');
    await context.close();
  });
});
