// The pages for colleagues that regulatory truth changed, in every mode (phone and desktop,
// JavaScript on and off), axe on each: the reports to the regulator with their CSV, and a damp
// repair under Awaab's Law with the investigation's findings to record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { MODES, sharedBrowser, open, signIn, assertAccessible, assertNoSidewaysScroll, TEST_TIMEOUT } from './helpers.mjs';

const browser = sharedBrowser();

async function check(page, what) {
  await assertAccessible(page, what);
  await assertNoSidewaysScroll(page, what);
}

for (const mode of MODES) {
  test(`the reports to the regulator show RP02 and the survey, with a CSV (${mode.name})`, { timeout: TEST_TIMEOUT }, async () => {
    const { context, page, errors } = await open(browser(), mode);
    await signIn(page, 'owen.davies@staff.example.org');
    await page.goto('/staff/cases');
    await page.getByRole('link', { name: 'Reports to the regulator' }).click();
    await page.waitForURL('**/staff/reports/complaints');
    await page.getByRole('heading', { level: 1, name: 'Tenant Satisfaction Measures' }).waitFor();
    const main = await page.getByRole('main').innerText();
    assert.match(main, /RP02: Emergency responsive repairs completed within our target timescale/);
    assert.match(main, /RP02: Non-emergency responsive repairs completed within our target timescale/);
    assert.match(main, /Residents satisfied with a completed repair \(our own survey/);
    await check(page, `reports (${mode.name})`);
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download these measures as CSV' }).click(),
    ]);
    assert.match(file.suggestedFilename(), /^measures-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await file.path(), 'utf8');
    assert.match(csv, /^from,to,code,measure,result,met,of,note\r\n/);
    assert.doesNotMatch(csv, /'-/, 'a dash for none is written as it is');
    assert.equal(csv.trim().split('\n').length, 4, 'RP02 twice and the survey');
    assert.deepEqual(errors, [], 'no browser errors');
    await context.close();
  });

  test(`a damp repair asks what the investigation found (${mode.name})`, { timeout: TEST_TIMEOUT }, async () => {
    const { context, page, errors } = await open(browser(), mode);
    await signIn(page, 'sunita.patel@staff.example.org');
    await page.goto('/staff/repairs');
    await page.getByRole('row').filter({ hasText: 'Damp or mould' }).first().getByRole('link').first().click();
    await page.waitForURL(/\/staff\/repairs\/RP-[A-Z0-9]+$/);
    assert.match(await page.getByRole('main').innerText(), /Awaab's Law deadlines/);
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Hazard investigated', exact: true }) });
    const found = form.getByRole('group', { name: 'What did the investigation find?' });
    for (const choice of ['No work needed to make the home safe', 'Work needed to make the home safe', 'Only further work to stop it coming back']) {
      await found.getByLabel(choice, { exact: true }).waitFor();
    }
    await check(page, `a damp repair for colleagues (${mode.name})`);
    // Nothing chosen: told, and nothing recorded.
    await form.getByRole('button', { name: 'Record it' }).click();
    await page.getByRole('alert').filter({ hasText: 'Select what the investigation found' }).waitFor();
    await check(page, `a damp repair, the finding missing (${mode.name})`);
    assert.deepEqual(errors, [], 'no browser errors');
    await context.close();
  });
}
