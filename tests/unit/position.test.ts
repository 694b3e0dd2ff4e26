import { expect, fixture, html } from '@open-wc/testing';
import { follow, GAP, MARGIN, placePanel, positionPanel, type Box } from '../../components/internal/position.ts';
import { popupStyles } from '../../components/internal/popup.styles.ts';
import { until } from './helpers.ts';

const viewport = { width: 800, height: 600 };
const box = (left: number, top: number, width = 100, height = 30): Box => ({ left, top, width, height });
const menu = { width: 200, height: 150 };

describe('placePanel (the arithmetic)', () => {
  it('opens below the trigger on its start edge, the gap between them', () => {
    const below = 600 - MARGIN - (40 + 30 + GAP);
    expect(placePanel(box(50, 40), menu, 'bottom-start', viewport)).to.deep.equal({ x: 50, y: 40 + 30 + GAP, side: 'bottom', room: below });
    expect(placePanel(box(300, 40), menu, 'bottom-end', viewport), 'end edge: right edges line up')
      .to.deep.equal({ x: 300 + 100 - 200, y: 76, side: 'bottom', room: below });
    expect(placePanel(box(50, 400), menu, 'top-start', viewport)).to.deep.equal({ x: 50, y: 400 - GAP - 150, side: 'top', room: 400 - GAP - MARGIN });
  });

  it('flips above when there is no room below, and back below when there is none above', () => {
    const low = box(50, 500);
    expect(placePanel(low, menu, 'bottom-start', viewport)).to.include({ y: 500 - GAP - 150, side: 'top' });
    const high = box(50, 20);
    expect(placePanel(high, menu, 'top-start', viewport)).to.include({ y: 20 + 30 + GAP, side: 'bottom' });
  });

  it('stays on the side asked for when it fits there, even if the other side is roomier', () => {
    // 600 - 8 - (300 + 30 + 6) = 256 px below, 286 above: 150 fits below.
    expect(placePanel(box(50, 300), menu, 'bottom-start', viewport).side).to.equal('bottom');
  });

  it('when neither side fits, takes the roomier one', () => {
    const tall = { width: 200, height: 400 };
    expect(placePanel(box(50, 320), tall, 'bottom-start', viewport).side, '306 above vs 236 below').to.equal('top');
    expect(placePanel(box(50, 200), tall, 'top-start', viewport).side, '186 above vs 356 below').to.equal('bottom');
    expect(placePanel(box(50, 280), tall, 'bottom-start', { width: 800, height: 590 }).side, 'a tie keeps the side asked for')
      .to.equal('bottom');
  });

  it('when neither side fits, holds the panel to the room on its side, inside the viewport', () => {
    const tall = { width: 200, height: 384 };
    const short = { width: 800, height: 500 };
    // 200 px from the top of a 500 px viewport: 186 above, 256 below.
    const down = placePanel(box(50, 200), tall, 'bottom-start', short);
    expect(down).to.include({ side: 'bottom', y: 236, room: 256 });
    expect(down.y + Math.min(tall.height, down.room), 'its bottom edge').to.equal(500 - MARGIN);
    // 260 px from the top: 246 above, 196 below; it opens above, its top edge at the margin.
    const up = placePanel(box(50, 260), tall, 'bottom-start', short);
    expect(up).to.include({ side: 'top', room: 246, y: MARGIN });
  });

  it('right to left: start is the right edge, end the left one', () => {
    expect(placePanel(box(500, 40), menu, 'bottom-start', viewport, true).x).to.equal(500 + 100 - 200);
    expect(placePanel(box(500, 40), menu, 'bottom-end', viewport, true).x).to.equal(500);
  });

  it('shifts along the edge to stay inside the viewport, with a margin', () => {
    expect(placePanel(box(700, 40), menu, 'bottom-start', viewport).x, 'off the right edge').to.equal(800 - MARGIN - 200);
    expect(placePanel(box(0, 40, 60), menu, 'bottom-end', viewport).x, 'off the left edge').to.equal(MARGIN);
    expect(placePanel(box(20, 40), menu, 'bottom-start', viewport, true).x, 'off the left edge, right to left').to.equal(MARGIN);
    expect(placePanel(box(300, 40), { width: 900, height: 100 }, 'bottom-start', viewport).x, 'wider than the viewport: its start shows')
      .to.equal(MARGIN);
  });
});

/** A trigger fixed at (left, top) of the viewport and a panel as the popup styles make it. */
async function scene(left: string, top: string, dir: 'ltr' | 'rtl' = 'ltr') {
  const root = await fixture<HTMLElement>(html`<div dir=${dir}>
    <button style="position: fixed; inset-inline-start: ${left}; inset-block-start: ${top}; inline-size: 120px; block-size: 32px">Open</button>
    <div style="position: fixed; inset: auto; margin: 0; inline-size: 220px; block-size: 160px; background: #eee"></div>
  </div>`);
  return { trigger: root.querySelector('button')!, panel: root.querySelector<HTMLElement>('div > div')!, root };
}

const rect = (el: Element) => el.getBoundingClientRect();
const near = (a: number, b: number) => Math.abs(a - b) < 0.5;

describe('positionPanel and follow (in the page)', () => {
  it('puts the panel below the trigger, start edges aligned, and above it near the bottom', async () => {
    const { trigger, panel } = await scene('40px', '40px');
    positionPanel(trigger, panel, 'bottom-start');
    expect(near(rect(panel).left, rect(trigger).left)).to.equal(true);
    expect(near(rect(panel).top, rect(trigger).bottom + GAP)).to.equal(true);

    trigger.style.insetBlockStart = `${innerHeight - 60}px`;
    const placed = positionPanel(trigger, panel, 'bottom-start');
    expect(placed.side).to.equal('top');
    expect(near(rect(panel).bottom, rect(trigger).top - GAP), 'flipped above').to.equal(true);
  });

  it('right to left: the start edge is the right one, and a panel at the edge is shifted inside', async () => {
    const { trigger, panel } = await scene('40px', '40px', 'rtl');
    positionPanel(trigger, panel, 'bottom-start');
    expect(near(rect(panel).right, rect(trigger).right), 'right edges aligned').to.equal(true);
    positionPanel(trigger, panel, 'bottom-end');
    // The trigger's left edge is near the right of the viewport: 220 px from there would overflow.
    expect(near(rect(panel).right, document.documentElement.clientWidth - MARGIN), 'shifted back inside').to.equal(true);
  });

  it('a popup-styled panel keeps its width next to the edge, and is shifted inside', async () => {
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [popupStyles.styleSheet!];
    shadow.innerHTML = `<button style="position: fixed; right: 10px; top: 40px">Open</button>
      <div class="popup">A menu item with a fairly long name, and then some more</div>`;
    const trigger = shadow.querySelector('button')!;
    const panel = shadow.querySelector<HTMLElement>('.popup')!;
    const width = rect(panel).width;
    positionPanel(trigger, panel, 'bottom-start');
    expect(near(rect(panel).width, width), 'not squeezed').to.equal(true);
    expect(near(rect(panel).right, document.documentElement.clientWidth - MARGIN), 'shifted inside').to.equal(true);
    const style = panel.getAttribute('style');
    const changes: MutationRecord[] = [];
    const watcher = new MutationObserver((records) => changes.push(...records));
    watcher.observe(panel, { attributes: true });
    positionPanel(trigger, panel, 'bottom-start');
    await Promise.resolve();
    watcher.disconnect();
    expect(changes, 'nothing written when nothing moved').to.deep.equal([]);
    expect(panel.getAttribute('style')).to.equal(style);
  });

  it('a popup-styled panel taller than the room on either side stays on screen and scrolls inside itself', async () => {
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [popupStyles.styleSheet!];
    const rows = Array.from({ length: 40 }, (_, i) => `<div class="item">Organization ${i + 1}</div>`).join('');
    const height = document.documentElement.clientHeight;
    shadow.innerHTML = `<button style="position: fixed; left: 40px; top: ${Math.round(height / 2) - 40}px; block-size: 32px">Open</button>
      <div class="popup">${rows}</div>`;
    const trigger = shadow.querySelector('button')!;
    const panel = shadow.querySelector<HTMLElement>('.popup')!;
    for (const [top, side] of [[Math.round(height / 2) - 40, 'bottom'], [Math.round(height / 2) + 10, 'top']] as const) {
      trigger.style.top = `${top}px`;
      const placed = positionPanel(trigger, panel, 'bottom-start');
      expect(placed.side).to.equal(side);
      const box = rect(panel);
      expect(box.top, `${side}: top edge on screen`).to.be.at.least(MARGIN - 0.5);
      expect(box.bottom, `${side}: bottom edge on screen`).to.be.at.most(height - MARGIN + 0.5);
      expect(side === 'bottom' ? near(box.top, rect(trigger).bottom + GAP) : near(box.bottom, rect(trigger).top - GAP), `${side}: next to its trigger`)
        .to.equal(true);
      expect(panel.scrollHeight, 'the rows it cannot show scroll inside it').to.be.above(panel.clientHeight);
    }
  });

  it('lands where it should inside a transformed ancestor (a containing block other than the viewport)', async () => {
    const outer = await fixture<HTMLElement>(html`<div style="transform: translate(30px, 50px); margin: 20px">
      <button style="inline-size: 100px; block-size: 30px">Open</button>
      <div style="position: fixed; inset: auto; margin: 0; inline-size: 150px; block-size: 80px"></div></div>`);
    const trigger = outer.querySelector('button')!;
    const panel = outer.querySelector<HTMLElement>('div > div')!;
    positionPanel(trigger, panel, 'bottom-start');
    expect(near(rect(panel).left, rect(trigger).left)).to.equal(true);
    expect(near(rect(panel).top, rect(trigger).bottom + GAP)).to.equal(true);
  });

  it('follows scrolling (in the page and in a shadow root), resizing of either box, and stops when told', async () => {
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<div class="scroller" style="block-size: 200px; overflow: auto">
      <div style="block-size: 1000px; padding-block-start: 50px"><button style="block-size: 30px">Open</button></div></div>
      <div class="panel" style="position: fixed; inset: auto; margin: 0; inline-size: 150px; block-size: 80px"></div>`;
    const trigger = shadow.querySelector('button')!;
    const panel = shadow.querySelector<HTMLElement>('.panel')!;
    const scroller = shadow.querySelector<HTMLElement>('.scroller')!;
    let runs = 0;
    const update = () => {
      runs++;
      positionPanel(trigger, panel, 'bottom-start');
    };
    update();
    const stop = follow(trigger, panel, update);
    const attached = () => near(rect(panel).top, rect(trigger).bottom + GAP);

    scroller.scrollTop = 30;
    await until(() => near(rect(trigger).bottom, rect(scroller).top + 50 + 30 - 30) && attached(), 'following a scroll inside the shadow root');

    trigger.style.blockSize = '60px';
    await until(attached, 'following the trigger growing');

    const before = runs;
    stop();
    // Watchers of our own tell when the scroll event and the resize observation have arrived.
    let scrolled = false;
    let resized = 0;
    scroller.addEventListener('scroll', () => (scrolled = true), { once: true });
    const sizes = new ResizeObserver(() => resized++);
    sizes.observe(panel);
    await until(() => resized === 1, 'the first observation');
    scroller.scrollTop = 0;
    panel.style.blockSize = '120px';
    await until(() => scrolled && resized === 2, 'the scroll event and the resize observation');
    sizes.disconnect();
    expect(runs, 'no update after stop').to.equal(before);
    expect(attached(), 'left where it was').to.equal(false);
  });
});
