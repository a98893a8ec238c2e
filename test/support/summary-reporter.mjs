/**
 * Prints one plain closing line, `N passed, N failed, N skipped`, after @web/test-runner's own report.
 * A test file that fails to load (or errors outside a test) counts as one failed test.
 */
function count(suite, totals) {
  if (!suite) return;
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite.suites ?? []) count(child, totals);
}

export function summaryReporter() {
  return {
    stop({sessions}) {
      const totals = {passed: 0, failed: 0, skipped: 0};
      for (const session of sessions) {
        const before = totals.failed + totals.passed;
        count(session.testResults, totals);
        const ran = totals.failed + totals.passed - before;
        if ((session.errors?.length ?? 0) > 0 || (!session.passed && ran === 0)) totals.failed++;
      }
      const line = `browser: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
      // After the default reporter's last output, so that this stays the closing line.
      process.once('exit', () => process.stdout.write(`\n${line}\n`));
    },
  };
}
