import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const ctx = await b.newContext({ viewport: { width: 360, height: 740 }, baseURL: 'http://127.0.0.1:3999' });
const p = await ctx.newPage();
async function signIn(email) { await p.goto('/sign-in'); await p.getByLabel('Email address').fill(email); await p.getByLabel('Password').fill('doorstep-demo'); await p.getByRole('button', { name: 'Sign in' }).click(); await p.waitForURL('**/your-home'); }
await signIn('margaret.lewis@example.org');
await p.goto('/account/your-data'); await p.screenshot({ path: '/tmp/look/yd.png', fullPage: true });
await p.goto('/account/your-data/all'); await p.screenshot({ path: '/tmp/look/all.png', fullPage: true });
await p.goto('/account/your-data'); await p.getByRole('button', { name: 'Send my request' }).click(); await p.waitForURL(/SA-/); await p.screenshot({ path: '/tmp/look/req.png', fullPage: true });
const ref = p.url().match(/SA-[A-Z0-9]+/)[0];
await ctx.clearCookies();
const c2 = await b.newContext({ viewport: { width: 1280, height: 800 }, baseURL: 'http://127.0.0.1:3999' });
const s = await c2.newPage();
await s.goto('/sign-in'); await s.getByLabel('Email address').fill('chris.morgan@staff.example.org'); await s.getByLabel('Password').fill('doorstep-demo'); await s.getByRole('button', { name: 'Sign in' }).click(); await s.waitForURL('**/your-home');
await s.goto('/staff/subject-access/' + ref); await s.screenshot({ path: '/tmp/look/staffreq.png', fullPage: true });
await s.goto('/staff/residents?q=Margaret'); await s.getByRole('link', { name: 'Margaret Lewis' }).click(); await s.waitForURL(/residents\/\d+/); await s.screenshot({ path: '/tmp/look/resident.png', fullPage: true });
await s.goto('/staff/letters'); await s.screenshot({ path: '/tmp/look/letters.png', fullPage: true });
await b.close();
