import { expect, fixture, html } from '@open-wc/testing';
import { JanuaClient } from '@janua/core';
import '../../components/index.ts';
import { codeBlocks, readmes } from './readme-files.ts';

/*
 * Every CSS example in the project's READMEs, applied to the real elements: each declaration must
 * take effect as written. The check is "the rule wins": the same rule with `!important` added
 * must not change any computed value, so a kit rule that outranks the example fails the test.
 */
const offline = () => new JanuaClient({ api: 'http://readme.test', restore: false, crossTab: false });

const cssBlocks = (text: string) => codeBlocks(text, 'css');

/** The nodes a selector styles: light-DOM matches, or the shadow nodes of a `::part()`. */
function targets(root: Element, selector: string): Element[] {
  const part = /^(.*)::part\(([\w-]+)\)$/.exec(selector.trim());
  if (!part) return [...root.querySelectorAll(selector)].concat(root.matches(selector) ? [root] : []);
  return [...root.querySelectorAll(part[1]!)].flatMap((host) => [...host.shadowRoot!.querySelectorAll(`[part~="${part[2]}"]`)]);
}

function sheet(text: string): CSSStyleSheet {
  const s = new CSSStyleSheet();
  s.replaceSync(text);
  return s;
}

describe('README examples', () => {
  it('is accessible with the README theming applied', async () => {
    const el = await fixture(html`<div><janua-sign-in .client=${offline()}></janua-sign-in></div>`);
    await expect(el).to.be.accessible();
  });

  it('every CSS example takes effect on the elements it names', async () => {
    const docs = await readmes();
    // A build entry (only `@import` lines, e.g. the Tailwind set-up) styles nothing by itself.
    const blocks = docs.flatMap((d) => cssBlocks(d.text).map((css) => ({ path: d.path, css })))
      .filter((b) => b.css.replace(/@import[^;]*;/g, '').trim() !== '');
    expect(blocks.length, 'CSS examples found').to.be.greaterThan(0);
    for (const { path, css } of blocks) {
      const example = sheet(css);
      const tags = [...new Set(css.match(/janua-[a-z-]+(?=[\s.:{,[>]|$)/g) ?? [])].filter((t) => customElements.get(t));
      expect(tags.length, `${path}: an element to apply the example to`).to.be.greaterThan(0);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, example];
      try {
        for (const rule of [...example.cssRules] as CSSStyleRule[]) {
          // A rule for the dark theme is checked where that theme applies; the others on a plain page.
          const root = await fixture<HTMLElement>(/dark/.test(rule.selectorText)
            ? html`<div data-janua-theme="dark"></div>` : html`<div></div>`);
          for (const tag of tags) {
            const el = document.createElement(tag) as HTMLElement & { client?: JanuaClient };
            el.client = offline();
            root.append(el);
            await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
          }
          const nodes = targets(root, rule.selectorText);
          expect(nodes.length, `${path}: "${rule.selectorText}" matches something`).to.be.greaterThan(0);
          const names = [...rule.style];
          const read = () => nodes.map((n) => names.map((p) => getComputedStyle(n).getPropertyValue(p).trim()));
          const asWritten = read();
          const forced = sheet(`${rule.selectorText} { ${names.map((p) => `${p}: ${rule.style.getPropertyValue(p)} !important`).join('; ')} }`);
          document.adoptedStyleSheets = [...document.adoptedStyleSheets, forced];
          const wins = read();
          document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== forced);
          expect(asWritten, `${path}: "${rule.cssText}" takes effect as written`).to.deep.equal(wins);
        }
      } finally {
        document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== example);
      }
    }
  });
});
