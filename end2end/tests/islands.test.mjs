// Islands: with JavaScript on they hydrate and react; with it off the page is the same HTML
// and still works. A test must click or type into something an island owns and see it change,
// because an island left out of the wasm fails silently (toolchain.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODES, sharedBrowser, open, TEST_TIMEOUT } from './helpers.mjs';

const browser = sharedBrowser();

const count = (page) => page.locator('#message-count');

test('the character count updates as a resident types (JavaScript on)', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page, errors } = await open(browser(), MODES[0]);
  await page.goto('/contact');
  // Islands hydrate when the browser is idle, so keep typing until the count answers.
  await assert.doesNotReject(
    page.waitForFunction(async () => {
      const area = document.querySelector('#message');
      area.value = 'abc';
      area.dispatchEvent(new Event('input', { bubbles: true }));
      return document.querySelector('#message-count')?.textContent.includes('1997');
    }, null, { timeout: 10000, polling: 200 }),
    'the count never changed: the island did not hydrate',
  );
  await page.getByLabel('Your message').fill('x'.repeat(2003));
  assert.equal(await count(page).innerText(), 'You have 3 characters too many');
  assert.deepEqual(errors, []);
  await context.close();
});

test('without JavaScript the count states the limit and the server checks it', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await open(browser(), MODES[1]);
  await page.goto('/contact');
  assert.equal(await count(page).innerText(), 'You have 2000 characters remaining');
  await page.getByLabel('Your name').fill('Sam');
  await page.getByLabel('Email address').fill('sam@example.org');
  await page.getByLabel('Your message').fill('y'.repeat(2001));
  await page.getByRole('button', { name: 'Send message' }).click();
  await page.getByRole('link', { name: 'Your message must be 2000 characters or fewer' }).waitFor();
  assert.equal(await count(page).innerText(), 'You have 1 character too many');
  await context.close();
});
