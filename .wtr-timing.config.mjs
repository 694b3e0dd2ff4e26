import base from './web-test-runner.config.mjs';
import { defaultReporter } from '@web/test-runner';
import { writeFileSync } from 'node:fs';
const rows = [];
function walk(suite, file, browser) {
  for (const t of suite?.tests ?? []) rows.push({ file, browser, name: t.name, ms: t.duration ?? 0 });
  for (const s of suite?.suites ?? []) walk(s, file, browser);
}
const timing = {
  reportTestFileResults({ sessionsForTestFile, testFile }) {
    for (const s of sessionsForTestFile) walk(s.testResults, testFile.replace(/.*tests\/unit\//, ''), s.browser.name);
  },
  onTestRunFinished() { writeFileSync('/tmp/timing/rows.json', JSON.stringify(rows)); },
};
export default { ...base, reporters: [defaultReporter(), timing] };
