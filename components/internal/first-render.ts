/**
 * Where first renders wait their turn. Loading the kit evaluates it and, inside each
 * `customElements.define`, upgrades the elements already on the page; Lit then renders them in
 * the same task, so module evaluation and every first render were one long task (about 100 ms
 * for one sign-in card on a quiet 2-core machine). Elements upgraded by a definition (see
 * `defineElement`) render here instead: in later tasks, as many per task as fit in BUDGET_MS, so
 * the main thread can paint and answer input between them. An element created after its
 * definition (by a framework, a test, `document.createElement`) renders as Lit always does.
 *
 * An element's first render is never split: each runs whole, in order of arrival. Elements
 * upgraded together still appear together unless their renders together exceed the budget.
 */
const BUDGET_MS = 25;

type Job = () => void;
const queue: Job[] = [];
let scheduled = false;

/** A task of its own: MessageChannel is not clamped like nested setTimeout calls are. */
function nextTask(run: () => void): void {
  if (typeof MessageChannel === 'function') {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      run();
    };
    channel.port2.postMessage(null);
  } else {
    setTimeout(run);
  }
}

function drain(): void {
  scheduled = false;
  const start = performance.now();
  // At least one job per task, whatever it costs; then as many as the budget allows.
  do {
    queue.shift()!();
  } while (queue.length > 0 && performance.now() - start < BUDGET_MS);
  if (queue.length > 0) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  nextTask(drain);
}

/**
 * Runs `render` (an element's first update) in a later task; the promise settles once it ran,
 * with its error if it threw, so Lit's update cycle sees what it would have seen.
 */
export function firstRenderTurn(render: () => void | Promise<unknown>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    queue.push(() => {
      try {
        resolve(render());
      } catch (error) {
        reject(error);
      }
    });
    schedule();
  });
}

let upgrading = 0;

/** Runs `define` (a `customElements.define` call) with upgrades marked as such. */
export function upgradingDuring(define: () => void): void {
  upgrading++;
  try {
    define();
  } finally {
    upgrading--;
  }
}

/** True inside `upgradingDuring`: the element being constructed is an upgrade. */
export const isUpgrading = (): boolean => upgrading > 0;
