import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { defineElement } from '../../components/internal/define.ts';
import { JanuaElement } from '../../components/internal/janua-element.ts';

// Elements on the page before their definition render first in a later task (first-render.ts),
// so evaluating the kit and rendering what it upgraded are not one long task.

let renders: { tag: string; task: number }[] = [];

/*
 * Tells tasks apart without a clock or a second channel (the order of messages on different
 * MessageChannels is not fixed: WebKit may deliver a newer channel's first). Code that runs in
 * one stretch, with no microtask checkpoint in between, gets the same number; a checkpoint
 * (the end of a task, or of an await) moves it on. The first-render queue runs each task's
 * renders in one synchronous loop, so the number counts its tasks.
 */
let stretch = 0;
let armed = false;
function currentStretch(): number {
  if (!armed) {
    armed = true;
    queueMicrotask(() => {
      armed = false;
      stretch++;
    });
  }
  return stretch;
}

function probe(tag: string, costMs = 0): typeof JanuaElement {
  return class extends JanuaElement {
    protected override render() {
      const until = performance.now() + costMs;
      while (performance.now() < until) { /* a first render that costs costMs */ }
      // First renders only: a later update (a catalog arriving, say) is not what is measured.
      if (!this.hasUpdated) renders.push({ tag, task: currentStretch() });
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
  });

  it('waits for a later task when the element was on the page before its definition', async () => {
    const el = document.createElement('x-first-render-a') as JanuaElement;
    document.body.append(el);
    try {
      defineElement('x-first-render-a', probe('a'));
      const defining = currentStretch();
      await microtasks();
      expect(el.hasUpdated, 'not rendered in the task that defined it').to.equal(false);
      expect(await el.updateComplete).to.equal(true);
      expect(el.shadowRoot!.textContent).to.contain('a');
      expect(renders[0]!.task).to.be.greaterThan(defining);
    } finally {
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
      for (const el of els) el.remove();
    }
  });
});
