/**
 * `bench:render`'s CPU column reads the right tasks from a trace: the main thread of the renderer
 * that navigated to the page, from its navigation start until ready, each task once, with its
 * thread time (`tdur`), not its wall time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
// @ts-expect-error: a plain .mjs script without types
import { mainThreadTasks } from '../../scripts/bench/task-cpu.mjs';

const URL_ = 'http://localhost:4000/janua-sign-in.html';
const NAV = 1_000_000; // trace clock, µs

/** A complete ("X") task event on a thread, `at` and the durations in ms after navigation start. */
const task = (pid: number, at: number, wall: number, cpu: number, name = 'ThreadControllerImpl::RunTask') =>
  ({ ph: 'X', name, pid, tid: pid, ts: NAV + at * 1000, dur: wall * 1000, tdur: cpu * 1000 });

const trace = {
  traceEvents: [
    // The blank page the context opened first, then the page itself, in renderer 7.
    { ph: 'R', name: 'navigationStart', pid: 7, tid: 7, ts: NAV - 90_000, args: { data: { documentLoaderURL: '' } } },
    { ph: 'R', name: 'navigationStart', pid: 7, tid: 7, ts: NAV, args: { data: { documentLoaderURL: URL_ } } },
    task(7, -40, 70, 70), // before this navigation: not counted
    task(7, 10, 60, 24), // 60 ms of wall time, 24 of CPU
    task(7, 12, 5, 5, 'RunTask'), // nested in the task above: counted once, as part of it
    task(7, 100, 30, 30),
    task(9, 100, 80, 80), // another renderer (an extension page, the browser UI): not this page
    task(7, 400, 90, 90), // after ready: not counted
  ],
};

test('the tasks of the page, from navigation start to ready, each once, with their CPU time', () => {
  const tasks = mainThreadTasks(trace, URL_, 300) as { start: number; wall: number; cpu: number }[];
  assert.deepEqual(tasks, [
    { start: 10, wall: 60, cpu: 24 },
    { start: 100, wall: 30, cpu: 30 },
  ]);
  assert.equal(Math.max(...tasks.map((t) => t.cpu)), 30, 'the longest task by CPU is not the longest by wall time');
});

test('a trace without a navigation to the page answers null, so the run reports it instead of a zero', () => {
  assert.equal(mainThreadTasks(trace, 'http://localhost:4000/other.html', 300), null);
  assert.equal(mainThreadTasks(trace.traceEvents, URL_).length, 3, 'an array of events works too; no end means every later task');
});
