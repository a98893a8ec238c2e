#!/usr/bin/env node
/**
 * Runs the server tests with node's test runner against SQLite and a real PostgreSQL.
 *
 * PostgreSQL: CONFAB_TEST_DATABASE_URL (a role that may CREATE DATABASE), or else a throwaway cluster (see
 * support/pg-cluster.mjs) that is removed afterwards.
 */
import {spawn} from 'node:child_process';
import {readdirSync} from 'node:fs';
import {join} from 'node:path';
import {startCluster} from './support/pg-cluster.mjs';

const here = new URL('.', import.meta.url).pathname;

const cluster = process.env.CONFAB_TEST_DATABASE_URL ? null : await startCluster();
const env = {...process.env, CONFAB_TEST_DATABASE_URL: process.env.CONFAB_TEST_DATABASE_URL ?? cluster.url};
const files = readdirSync(here)
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => join(here, f));
// tsx is the server package's own dependency: resolve it from here, not from the working directory.
const tsx = import.meta.resolve('tsx');
const child = spawn(process.execPath, ['--import', tsx, '--test', '--test-reporter=spec', ...files], {
  env,
  stdio: 'inherit',
});
// Interrupted or timed out: stop the tests, then the cluster, so that no database is left running.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
const code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
cluster?.stop();
process.exit(code);
