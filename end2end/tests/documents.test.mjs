// Documents and service charges in every mode (phone and desktop, JavaScript on and off), axe
// on every page: a shared owner downloads their lease and the fire risk assessment, reads a
// service-charge estimate line by line and asks about a line; a colleague uploads a document,
// a manager imports a statement (a bad file first) and publishes it, and the shared owner sees it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { MODES, sharedBrowser, open, signIn, assertAccessible, assertNoSidewaysScroll, TEST_TIMEOUT } from './helpers.mjs';

const browser = sharedBrowser();

const OWNER = 'tom.bennett@example.org'; // shared owner, Flat 9, Alder Court
const SERVICES = 'chris.morgan@staff.example.org';
const MANAGER = 'fiona.reid@staff.example.org';

async function check(page, what) {
  await assertAccessible(page, what);
  await assertNoSidewaysScroll(page, what);
}

/** Clicks a link that downloads a file; returns the file's name and bytes. */
async function download(page, link) {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const bytes = await readFile(await file.path());
  return { name: file.suggestedFilename(), bytes };
}

MODES.forEach((mode, i) => {
  const label = mode.name;

  test(`a shared owner downloads their lease and reads their service charges (${label})`, { timeout: TEST_TIMEOUT }, async () => {
    const { context, page, errors } = await open(browser(), mode);
    await signIn(page, OWNER);
    await page.getByRole('link', { name: 'Documents', exact: true }).first().click();
    await page.waitForURL('**/documents');
    await check(page, `your documents (${label})`);
    const main = page.getByRole('main');
    assert.match(await main.innerText(), /Your home: Flat 9, Alder Court/);
    assert.doesNotMatch(await main.innerText(), /Tenancy agreement/, 'a shared owner has no tenancy agreement');

    const lease = await download(page, main.getByRole('link', { name: /^Lease LSE-200009/ }));
    assert.match(lease.name, /^Lease LSE-200009\.pdf$/);
    assert.equal(lease.bytes.subarray(0, 5).toString(), '%PDF-');
    const fra = await download(page, main.getByRole('link', { name: /^Fire risk assessment 2026, Alder Court/ }));
    assert.match(fra.name, /\.pdf$/);
    assert.equal(fra.bytes.subarray(0, 5).toString(), '%PDF-');

    await main.getByRole('link', { name: 'Service charge estimate for Alder Court, April 2026 to March 2027' }).click();
    await page.waitForURL(/\/documents\/service-charges\/SC-[A-Z0-9]+$/);
    await check(page, `service charge estimate (${label})`);
    const text = await page.getByRole('main').innerText();
    assert.match(text, /Your share, line by line/);
    assert.match(text, /shared by floor area/);
    assert.match(text, /Last year's account/);
    assert.match(text, /Reserve fund/);

    await page.getByRole('link', { name: /^Ask about this line\W*Cleaning$/ }).click();
    await page.waitForURL(/\/cases\/new\/enquiry\/what\?about=SC-/);
    await check(page, `ask about a line (${label})`);
    const question = page.getByLabel('What would you like to ask?', { exact: true });
    assert.match(await question.inputValue(), /^About the Cleaning line of the service charge estimate for Alder Court/);
    await question.fill(`${await question.inputValue()}Why is cleaning more than last year? (${label})`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/cases/new/enquiry/check');
    await page.getByRole('button', { name: /^Send the/ }).click();
    await page.waitForURL(/\/cases\/EQ-[A-Z0-9]+\?sent=1$/);
    assert.match(await page.getByRole('main').innerText(), /About: SC-[A-Z0-9]+-1/);
    await check(page, `question sent (${label})`);
    assert.deepEqual(errors, [], `no script errors (${label})`);
    await context.close();
  });

  test(`staff upload a document and import and publish a statement (${label})`, { timeout: TEST_TIMEOUT }, async () => {
    const chris = await open(browser(), mode);
    await signIn(chris.page, SERVICES);
    await chris.page.getByRole('link', { name: 'Documents', exact: true }).first().click();
    await chris.page.waitForURL('**/staff/documents');
    await check(chris.page, `staff documents (${label})`);
    await chris.page.getByRole('link', { name: 'Upload a document' }).click();
    await chris.page.waitForURL('**/staff/documents/new');
    await check(chris.page, `upload a document (${label})`);
    const title = `Door entry maintenance schedule ${i + 1}`;
    await chris.page.getByLabel('What kind of document is it?').selectOption('maintenance_schedule');
    await chris.page.getByLabel('Title', { exact: true }).fill(title);
    await chris.page.getByLabel('Building or estate').selectOption({ label: 'Alder Court (building)' });
    await chris.page.getByLabel('Everyone there').check();
    const effective = chris.page.getByRole('group', { name: 'Date it takes effect' });
    await effective.getByLabel('Day').fill('1');
    await effective.getByLabel('Month').fill('12');
    await effective.getByLabel('Year').fill('2026');
    await chris.page.getByLabel('The file').setInputFiles({
      name: 'door-entry.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% door entry schedule\n%%EOF\n'),
    });
    await chris.page.getByRole('button', { name: 'Upload' }).click();
    await chris.page.waitForURL(/\/staff\/documents\/DC-[A-Z0-9]+$/);
    await chris.page.getByRole('alert').filter({ hasText: 'Document uploaded' }).waitFor();
    await check(chris.page, `document uploaded (${label})`);
    await chris.context.close();

    const fiona = await open(browser(), mode);
    await signIn(fiona.page, MANAGER);
    await fiona.page.goto('/staff/service-charges');
    await check(fiona.page, `service-charge statements (${label})`);
    const year = String(2040 + i);
    const form = fiona.page.locator('form', { has: fiona.page.getByRole('heading', { name: 'Import a statement' }) });
    const fill = async (csv) => {
      await form.getByLabel('Building or estate').selectOption({ label: 'Alder Court (building)' });
      await form.getByLabel('Year it starts').fill(year);
      await form.getByLabel('Estimate', { exact: true }).check();
      await form.getByLabel('By floor area').check();
      await form.getByLabel('The CSV file').setInputFiles({ name: 'alder-court.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await form.getByRole('button', { name: 'Import' }).click();
    };
    await fill('heading,amount,explanation\nCleaning,1200,Stairs\nGardening,100,Hedges\nDoor entry,ten,Fobs\n');
    await fiona.page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    const problems = await fiona.page.getByRole('alert').innerText();
    assert.match(problems, /Row 3, column "heading": "Gardening" is not a cost heading/);
    assert.match(problems, /Row 4, column "amount"/);
    await check(fiona.page, `import problems (${label})`);
    await fill('heading,amount,explanation\nCleaning,"1,250.00",Cleaning the stairs and landings every week\nLift maintenance,900,The lift contract and its inspections\n');
    await fiona.page.waitForURL(/\/staff\/service-charges\/SC-[A-Z0-9]+$/);
    await fiona.page.getByRole('alert').filter({ hasText: 'Imported as a draft' }).waitFor();
    await check(fiona.page, `draft statement (${label})`);
    await fiona.page.getByRole('button', { name: 'Publish statement' }).click();
    await fiona.page.getByRole('alert').filter({ hasText: 'Published: residents can see it now' }).waitFor();
    await fiona.context.close();

    const tom = await open(browser(), mode);
    await signIn(tom.page, OWNER);
    await tom.page.goto('/documents');
    const statement = `Service charge estimate for Alder Court, April ${year} to March ${2041 + i}`;
    await tom.page.getByRole('link', { name: statement }).click();
    await tom.page.waitForURL(/\/documents\/service-charges\/SC-[A-Z0-9]+$/);
    assert.match(await tom.page.getByRole('main').innerText(), /Lift maintenance/);
    await tom.page.goto('/documents');
    assert.match(await tom.page.getByRole('main').innerText(), new RegExp(title));
    await tom.context.close();
  });
});
