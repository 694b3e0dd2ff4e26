import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { defineElement } from '../../components/internal/define.ts';
import { JanuaElement } from '../../components/internal/janua-element.ts';

// Elements on the page before their definition render first in a later task (first-render.ts),
// so evaluating the kit and rendering what it upgraded are not one long task.

let renders: { tag: string; task: number }[] = [];
let task = 0;

/** Counts tasks: one posted message per task while `running`, queued behind the renders' own. */
function countTasks(): () => void {
  let running = true;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    task++;
    if (running) channel.port2.postMessage(null);
  };
  channel.port2.postMessage(null);
  return () => {
    running = false;
    channel.port1.close();
  };
}

function probe(tag: string, costMs = 0): typeof JanuaElement {
  return class extends JanuaElement {
    protected override render() {
      const until = performance.now() + costMs;
      while (performance.now() < until) { /* a first render that costs costMs */ }
      renders.push({ tag, task });
      return html`<p>${tag}</p>`;
    }
  };
}

const microtasks = async (n = 20) => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};

describe('first render of upgraded elements', () => {
  beforeEach(() => {
    renders = [];
    task = 0;
  });

  it('waits for a later task when the element was on the page before its definition', async () => {
    const el = document.createElement('x-first-render-a') as JanuaElement;
    document.body.append(el);
    const stop = countTasks();
    try {
      defineElement('x-first-render-a', probe('a'));
      await microtasks();
      expect(el.hasUpdated, 'not rendered in the task that defined it').to.equal(false);
      expect(await el.updateComplete).to.equal(true);
      expect(el.shadowRoot!.textContent).to.contain('a');
      expect(renders[0]!.task).to.be.greaterThan(0);
    } finally {
      stop();
      el.remove();
    }
  });

  it('renders as Lit schedules it when created after the definition, and every later update too', async () => {
    defineElement('x-first-render-b', probe('b'));
    const el = document.createElement('x-first-render-b') as JanuaElement;
    document.body.append(el);
    await microtasks();
    try {
      expect(el.hasUpdated, 'rendered in the same task, in a microtask').to.equal(true);
      el.locale = 'fr';
      await microtasks();
      expect(el.isUpdatePending).to.equal(false);
    } finally {
      el.remove();
    }
  });

  it('spreads many upgraded first renders over tasks of about 25 ms, in order, each whole', async () => {
    const els = Array.from({ length: 10 }, () => document.createElement('x-first-render-c') as JanuaElement);
    document.body.append(...els);
    const stop = countTasks();
    try {
      defineElement('x-first-render-c', probe('c', 10));
      await Promise.all(els.map((el) => el.updateComplete));
      expect(renders).to.have.length(10);
      const perTask = new Map<number, number>();
      for (const r of renders) perTask.set(r.task, (perTask.get(r.task) ?? 0) + 1);
      // At least one per task, and no more after 25 ms: 10 ms renders run at most 3 to a task.
      expect(Math.max(...perTask.values())).to.be.at.most(3);
      expect(perTask.size).to.be.at.least(4);
      expect(renders.map((r) => r.task)).to.deep.equal([...renders.map((r) => r.task)].sort((x, y) => x - y));
      for (const el of els) expect(el.shadowRoot!.textContent).to.contain('c');
    } finally {
      stop();
      for (const el of els) el.remove();
    }
  });
});
