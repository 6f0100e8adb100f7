// Signing in and out with a demo account.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODES, PASSWORD, sharedBrowser, open, TEST_TIMEOUT } from './helpers.mjs';

const browser = sharedBrowser();

for (const mode of MODES) {
  test(`a resident signs in, sees their home and signs out (${mode.name})`, { timeout: TEST_TIMEOUT }, async () => {
    const { context, page } = await open(browser(), mode);
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill('margaret.lewis@example.org');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    assert.equal(await page.getByLabel('Email address').inputValue(), 'margaret.lewis@example.org');
    assert.equal(await page.getByLabel('Password').inputValue(), '', 'the password is never sent back');

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/your-home');
    const main = await page.getByRole('main').innerText();
    assert.match(main, /Flat 3, Alder Court/);
    assert.match(main, /Allow time to answer the door/);
    assert.match(await page.getByRole('banner').innerText(), /Signed in as Margaret Lewis/);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/signed-out');
    await page.goto('/your-home');
    await page.waitForURL(/\/sign-in\?next=%2Fyour-home$/);
    await context.close();
  });
}
