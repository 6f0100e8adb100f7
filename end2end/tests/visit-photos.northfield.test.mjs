// Photos of the finished work, at phone size, JavaScript on and off, axe on every page: a
// contractor and an operative each record a visit as completed with a photo (after a file that
// is not one is refused), the photo reaches the visit's page stripped of its text, and the
// resident sees it on her repair. A file of its own, with a server of its own: it completes
// the demo's visits that visits.northfield.test.mjs works through differently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODES, sharedBrowser, open, signIn, assertAccessible, assertNoSidewaysScroll, TEST_TIMEOUT } from './helpers.mjs';

const browser = sharedBrowser();
// A 16 by 16 PNG carrying a text chunk ("taken at 1 Alder Court") that must not survive.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAHnRFWHRDb21tZW50AHRha2VuIGF0IDEgQWxkZXIgQ291cnT9HW8VAAAAFklEQVR4nGM4UaFBEmIY1TCqYfhqAAADaGgQ43GRdgAAAABJRU5ErkJggg==',
  'base64',
);
// Jo Kemp (Ashdown Building Services) has the stair light today; Sam Price has Amira Hassan's fan.
const WORKERS = [
  { email: 'jo.kemp@ashdown.example.com', place: /Alder Court/, card: /stair|light/i },
  { email: 'sam.price@staff.example.org', place: /Flat 1, Alder Court/, card: /fan/i, resident: 'amira.hassan@example.org' },
];

async function check(page, what) {
  await assertAccessible(page, what);
  await assertNoSidewaysScroll(page, what);
}

MODES.filter((m) => m.name.startsWith('phone')).forEach((mode, i) => {
  const label = mode.name;
  const worker = WORKERS[i];

  test(`a visit recorded as completed with a photo of the work (${label})`, { timeout: TEST_TIMEOUT }, async () => {
    const { context, page, errors } = await open(browser(), mode);
    await signIn(page, worker.email);
    await page.goto('/visits');
    await page.locator('.visit-card').filter({ hasText: worker.card }).getByRole('link').click();
    await page.waitForURL(/\/visits\/\d+$/);
    const address = page.url();
    const main = page.getByRole('main');
    const done = page.locator('form').filter({ hasText: 'The repair is done' });

    // A file that is not a photo: refused, nothing recorded, the note kept.
    await done.getByLabel('What you did (the resident sees this)').fill('New fitting');
    await done.getByLabel('Photos of the finished work (optional)').setInputFiles({
      name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo'),
    });
    await done.getByRole('button', { name: 'Record it is done' }).click();
    await page.waitForURL(address);
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    assert.match(await main.innerText(), /The photo must be a JPEG, PNG or WebP picture/);
    assert.equal(await done.getByLabel('What you did (the resident sees this)').inputValue(), 'New fitting');
    assert.match(await main.innerText(), /What happened\?/);
    await check(page, `completed with a file that is not a photo (${label})`);

    // A photo: recorded with it.
    await done.getByLabel('Photos of the finished work (optional)').setInputFiles({
      name: 'done.png', mimeType: 'image/png', buffer: PNG,
    });
    await done.getByRole('button', { name: 'Record it is done' }).click();
    await page.waitForURL(address);
    assert.match(await main.innerText(), /Repair completed/);
    assert.doesNotMatch(await main.innerText(), /What happened\?/);
    const photo = main.getByRole('img', { name: 'Photo 1 of the finished work' });
    await photo.waitFor();
    assert.equal(await photo.evaluate((img) => img.complete && img.naturalWidth), 16);
    const src = await photo.getAttribute('src');
    const served = await context.request.get(src);
    assert.equal(served.status(), 200);
    assert.equal(served.headers()['content-type'], 'image/png');
    assert.ok(!(await served.body()).includes('Alder Court'), 'the text chunk is stripped');
    await check(page, `completed with a photo (${label})`);
    await context.close();

    if (worker.resident) {
      const resident = await open(browser(), mode);
      await signIn(resident.page, worker.resident);
      await resident.page.getByRole('link', { name: 'Your repairs' }).first().click();
      await resident.page.waitForURL('**/repairs');
      await resident.page.getByRole('link', { name: worker.card }).first().click();
      await resident.page.waitForURL(/\/repairs\/RP-/);
      const text = await resident.page.getByRole('main').innerText();
      assert.match(text, /Photos of the finished work/);
      const seen = resident.page.getByRole('img', { name: 'Photo 1 of the finished work' });
      assert.equal(await seen.evaluate((img) => img.complete && img.naturalWidth), 16);
      await check(resident.page, `the resident's repair with its photo (${label})`);
      await resident.context.close();
      assert.deepEqual(resident.errors, []);
    }
    assert.deepEqual(errors, []);
  });
});
