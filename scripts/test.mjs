#!/usr/bin/env node
/**
 * `npm test`: builds, type-checks, lints (ESLint, Prettier, unused files), checks the size budgets, runs the browser
 * tests (headless Chromium) and the server tests (SQLite and PostgreSQL), then prints one closing line with the
 * totals. Exits non-zero if any step fails.
 */
import {spawn} from 'node:child_process';

const steps = [
  ['build', 'npm', ['run', 'build']],
  ['build server', 'npm', ['run', 'build', '-w', 'server']],
  ['type-check', 'npx', ['tsc', '-p', 'tsconfig.json']],
  ['type-check server', 'npx', ['tsc', '-p', 'server/tsconfig.json']],
  ['lint and format', 'npm', ['run', '--silent', 'lint']],
  ['size budgets', 'node', ['scripts/check-size.mjs']],
  ['element reference in README', 'node', ['scripts/reference.mjs', '--check']],
  ['browser tests', 'npx', ['web-test-runner']],
  ['server tests', 'node', ['server/test/run.mjs']],
];

const totals = {passed: 0, failed: 0, skipped: 0};
const failedSteps = [];

function run(name, command, args) {
  return new Promise((resolve) => {
    console.log(`\n== ${name}: ${command} ${args.join(' ')}`);
    const child = spawn(command, args, {stdio: ['ignore', 'pipe', 'inherit']});
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('exit', (code, signal) => resolve({code: code ?? (signal ? 1 : 0), output}));
  });
}

for (const [name, command, args] of steps) {
  const {code, output} = await run(name, command, args);
  const browser = /^browser: (\d+) passed, (\d+) failed, (\d+) skipped$/m.exec(output);
  if (browser) {
    totals.passed += Number(browser[1]);
    totals.failed += Number(browser[2]);
    totals.skipped += Number(browser[3]);
  }
  const node = (label) => Number(new RegExp(`^ℹ ${label} (\\d+)$`, 'm').exec(output)?.[1] ?? 0);
  if (name === 'server tests') {
    totals.passed += node('pass');
    totals.failed += node('fail') + node('cancelled');
    totals.skipped += node('skipped') + node('todo');
  }
  if (code !== 0) {
    failedSteps.push(name);
    // Nothing after a failed build or type-check is worth running.
    if (!name.endsWith('tests')) break;
  }
}

if (failedSteps.length) console.log(`\nfailed steps: ${failedSteps.join(', ')}`);
console.log(`\ntotal: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length || totals.failed ? 1 : 0);
