#!/usr/bin/env node
// Lists the long tasks (≥ 50 ms) on a page's main thread in a Chrome trace written by
// `bench-render --trace <dir>`, and what filled each: the trace events directly inside the task,
// grouped by name (inclusive ms), with the URL or function where the trace names one. A task's
// time is wall time; where the trace has the thread's CPU time too (tdur), it is printed beside it.
//   node scripts/bench/trace-tasks.mjs <trace.json> [--min 50]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { min: { type: 'string', default: '50' } } });
const min = Number(values.min) * 1000;
const trace = JSON.parse(readFileSync(positionals[0], 'utf8'));
const events = Array.isArray(trace) ? trace : trace.traceEvents;
const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
const complete = events.filter((e) => e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`)).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
const navStart = events.find((e) => e.name === 'navigationStart' && mains.has(`${e.pid}:${e.tid}`))?.ts ?? complete[0]?.ts ?? 0;
const tasks = complete.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
for (const task of tasks.filter((t) => t.dur >= min)) {
  const end = task.ts + task.dur;
  const inside = complete.filter((e) => e !== task && e.tid === task.tid && e.pid === task.pid && e.ts >= task.ts && e.ts + e.dur <= end);
  // Direct children only: events not inside another event in the task.
  const direct = inside.filter((e) => !inside.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur && o.dur > e.dur));
  const byName = new Map();
  for (const e of direct) {
    const what = e.args?.data?.url?.split('/').pop() || e.args?.data?.functionName || '';
    const key = `${e.name}${what ? ` ${what}` : ''}`;
    byName.set(key, (byName.get(key) ?? 0) + e.dur);
  }
  const cpu = task.tdur === undefined ? '' : `, ${(task.tdur / 1000).toFixed(1)} ms of it on the CPU`;
  console.log(`task at ${((task.ts - navStart) / 1000).toFixed(0)} ms, ${(task.dur / 1000).toFixed(1)} ms${cpu}:`);
  for (const [k, v] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${(v / 1000).toFixed(1).padStart(7)} ms  ${k}`);
  // One level deeper for the biggest direct child.
  const biggest = direct.sort((a, b) => b.dur - a.dur)[0];
  if (biggest) {
    const sub = inside.filter((e) => e !== biggest && e.ts >= biggest.ts && e.ts + e.dur <= biggest.ts + biggest.dur);
    const subDirect = sub.filter((e) => !sub.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur && o.dur > e.dur));
    const m = new Map();
    for (const e of subDirect) m.set(e.name, (m.get(e.name) ?? 0) + e.dur);
    console.log(`    inside ${biggest.name}: ${[...m].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`).join(', ')}`);
  }
}
