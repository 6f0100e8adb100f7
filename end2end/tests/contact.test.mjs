// The stored "contact us" form: the post/redirect/get pattern every later form follows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODES, sharedBrowser, open, assertAccessible, TEST_TIMEOUT } from './helpers.mjs';

const browser = sharedBrowser();

for (const mode of MODES) {
  test(`a contact message with mistakes comes back, then goes through (${mode.name})`, { timeout: TEST_TIMEOUT }, async () => {
    const { context, page } = await open(browser(), mode);
    await page.goto('/contact');
    await page.getByLabel('Your name').fill('');
    await page.getByLabel('Email address').fill('sam@');
    await page.getByLabel('Your message').fill('The lift </textarea><b>is</b> broken & stuck since Monday.');
    await page.getByRole('button', { name: 'Send message' }).click();

    // Back on the form: a focused error summary, the values kept, the title marked.
    await page.waitForURL('**/contact');
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    assert.ok(await summary.evaluate((el) => el === document.activeElement), 'error summary focused');
    assert.match(await page.title(), /^Error: Contact us/);
    assert.equal(await page.getByLabel('Email address').inputValue(), 'sam@');
    assert.equal(await page.getByLabel('Your message').inputValue(), 'The lift </textarea><b>is</b> broken & stuck since Monday.', 'exactly what was typed');
    await assertAccessible(page, `contact form with errors (${mode.name})`);

    // Each summary link moves to its field.
    await summary.getByRole('link', { name: 'Enter your name' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'name');

    await page.getByLabel('Your name').fill('Sam Jones');
    await page.getByLabel('Email address').fill('sam@example.org');
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.waitForURL(/\/contact\/sent\/CM-[2-9A-Z]{6}$/);
    const reference = page.url().split('/').pop();
    await page.getByRole('heading', { level: 1, name: 'We have your message' }).waitFor();
    assert.match(await page.getByRole('main').innerText(), new RegExp(reference));
    assert.match(await page.getByRole('main').innerText(), /by email to sam@example.org/);
    await assertAccessible(page, `contact confirmation (${mode.name})`);

    await context.close();
  });
}
