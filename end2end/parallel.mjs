// Runs the end-to-end test files on several workers at once. Each worker has its own server
// (the release build, on a free loopback port) and its own fresh SQLite database with the demo
// data, which the files it runs share one after another; files are handed out longest first to
// whichever worker is free. A file's output is printed whole when it finishes, and a failing
// file's server log after it. Exits non-zero if any file failed.
//
// A file named NAME.PROFILE.test.mjs (contacts.glenbrae.test.mjs) runs on a server of its own
// with that landlord profile and a fresh database, which its worker starts for it and stops
// after it: also the way for a file that needs the demo exactly as loaded (today's visits in
// visits.northfield.test.mjs, which another file's repairs could otherwise have moved on).
//
//   node parallel.mjs [files...]     (default: every tests/*.test.mjs)
//   E2E_WORKERS=2                     how many servers and test processes at once
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const server = join(root, 'target/release/server');
const workers = Math.max(1, Number(process.env.E2E_WORKERS ?? 2));
const given = process.argv.slice(2);
const files = (given.length ? given : readdirSync(join(root, 'end2end/tests'))
  .filter((f) => f.endsWith('.test.mjs'))
  .map((f) => `tests/${f}`))
  // Longest first (by size, which follows the number of journeys), so no worker ends alone.
  .sort((a, b) => statSync(join(root, 'end2end', b)).size - statSync(join(root, 'end2end', a)).size);

function freePort() {
  return new Promise((done) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });
}

// The profile a file asks for in its name, or none (the default landlord).
const profileOf = (file) => (file.match(/\.([a-z]+)\.test\.mjs$/) ?? [])[1];

async function startServer(n, profile) {
  const work = mkdtempSync(join(tmpdir(), `doorstep-e2e-${n}-`));
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite://${work}/doorstep.db`,
    LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
    LEPTOS_SITE_ROOT: join(root, 'target/site'),
    DOORSTEP_ENV: 'development',
    RUST_LOG: process.env.E2E_RUST_LOG ?? 'warn',
    OUTBOX_DIR: join(work, 'outbox'),
    TEXTS_DIR: join(work, 'texts'),
    UPLOADS_DIR: join(work, 'uploads'),
    // Every browser signs in from 127.0.0.1, well over the 50 attempts in 15 minutes one
    // address is allowed in production; the limit itself is tested in the integration tests.
    SIGN_IN_ADDRESS_LIMIT: '1000',
    // Signed-out "Contact us" messages from one address, likewise.
    CONTACT_ADDRESS_LIMIT: '1000',
    ...(profile ? { LANDLORD_PROFILE: profile } : {}),
  };
  execFileSync(server, ['seed-demo'], { cwd: root, env, stdio: 'ignore' });
  const log = join(work, 'server.log');
  const out = openSync(log, 'w');
  const child = spawn(server, ['serve'], { cwd: root, env, stdio: ['ignore', out, out] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`server ${n} stopped:\n${readFileSync(log, 'utf8')}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { n, url, work, log, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server ${n} did not become ready:\n${readFileSync(log, 'utf8')}`);
}

function runFile(worker, file) {
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--test', '--test-concurrency=1', file], {
      cwd: join(root, 'end2end'),
      env: { ...process.env, DOORSTEP_URL: worker.url },
    });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('close', (code) => done({ file, code, output, seconds: (Date.now() - started) / 1000 }));
  });
}

const queue = [...files];
const results = [];
const servers = [];
let failed = false;
try {
  const count = Math.min(workers, files.length);
  servers.push(...(await Promise.all(Array.from({ length: count }, (_, i) => startServer(i + 1)))));
  await Promise.all(servers.map(async (worker) => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const profile = profileOf(file);
      const own = profile ? await startServer(`${worker.n}-${profile}`, profile) : null;
      let result;
      try {
        result = await runFile(own ?? worker, file);
      } finally {
        if (own) {
          own.child.kill('SIGTERM');
          await new Promise((r) => (own.child.exitCode !== null ? r() : own.child.on('exit', r)));
        }
      }
      results.push(result);
      process.stdout.write(`\n=== ${file} (worker ${worker.n}, ${result.seconds.toFixed(1)} s) ===\n${result.output}`);
      if (result.code !== 0) {
        failed = true;
        const lines = readFileSync((own ?? worker).log, 'utf8').trimEnd().split('\n');
        const tail = Number(process.env.E2E_LOG_LINES ?? 50);
        process.stderr.write(`--- server log (worker ${worker.n}${profile ? `, ${profile}` : ''}) ---\n${lines.slice(-tail).join('\n')}\n`);
      }
      if (own) rmSync(own.work, { recursive: true, force: true });
    }
  }));
} catch (error) {
  failed = true;
  process.stderr.write(`${error.stack ?? error}\n`);
} finally {
  for (const s of servers) {
    s.child.kill('SIGTERM');
  }
  await Promise.all(servers.map((s) => new Promise((r) => (s.child.exitCode !== null ? r() : s.child.on('exit', r)))));
  for (const s of servers) rmSync(s.work, { recursive: true, force: true });
}

const summary = (re) => results.reduce((n, r) => n + Number((r.output.match(re) ?? [0, 0])[1]), 0);
process.stdout.write(`\nend-to-end: ${files.length} files on ${servers.length} workers: ${summary(/^# pass (\d+)/m)} passed, ${summary(/^# fail (\d+)/m)} failed\n`);
for (const r of results.filter((r) => r.code !== 0)) process.stdout.write(`failed: ${r.file}\n`);
process.exit(failed ? 1 : 0);
