// The main-thread tasks of one page load in a Chrome trace, with the CPU time each took.
//
// The Long Tasks API that bench-render reads gives a task's wall time: on a shared machine a task
// that ran 25 ms of CPU can take 60 ms of wall time because the thread was not scheduled, and a
// long task then says more about the neighbours than about the page. A trace's RunTask events also
// carry `tdur`, the thread's own CPU time over the task, which does not grow with the machine's
// load; this reads those.

/** Trace categories that hold navigationStart and every main-thread task with its CPU time. */
export const TASK_CATEGORIES = ['blink.user_timing', 'disabled-by-default-devtools.timeline'];

const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/**
 * The tasks on the renderer main thread that navigated to `url`, from its navigationStart until
 * `untilMs` later, as { start, wall, cpu } in ms. Nested task events (a task run inside another)
 * are left out, so no time is counted twice. Returns null when the trace has no such navigation.
 */
export function mainThreadTasks(trace, url, untilMs = Infinity) {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL === url);
  if (!nav) return null;
  const until = nav.ts + untilMs * 1000;
  const tasks = events
    .filter((e) => e.ph === 'X' && TASK_NAMES.has(e.name) && e.pid === nav.pid && e.tid === nav.tid && e.ts >= nav.ts && e.ts < until)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const outer = [];
  for (const t of tasks) {
    const last = outer.at(-1);
    if (last && t.ts < last.ts + last.dur) continue; // inside the previous task
    outer.push(t);
  }
  return outer.map((t) => ({ start: (t.ts - nav.ts) / 1000, wall: t.dur / 1000, cpu: (t.tdur ?? t.dur) / 1000 }));
}
