import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const ctx = await b.newContext({ viewport: { width: 360, height: 740 }, baseURL: 'http://127.0.0.1:3999' });
const p = await ctx.newPage();
await p.goto('/sign-in'); await p.getByLabel('Email address').fill('margaret.lewis@example.org'); await p.getByLabel('Password').fill('doorstep-demo'); await p.getByRole('button', { name: 'Sign in' }).click(); await p.waitForURL('**/your-home');
await p.goto('/account/your-data/all');
const h = await p.evaluate(() => document.documentElement.scrollHeight);
console.log(h);
for (let i = 0; i * 1400 < Math.min(h, 8400); i++) { await p.screenshot({ path: `/tmp/look/all_${i}.png`, clip: { x: 0, y: i * 1400, width: 360, height: 1400 }, fullPage: true }); }
await b.close();
