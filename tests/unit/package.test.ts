import { expect, fixture, html } from '@open-wc/testing';

/*
 * What an app gets from `@janua/ui`: the entries in components/package.json, loaded the way a
 * bundler would resolve them. This file runs in a page of its own, so nothing is defined yet
 * when it starts; that is what lets it check that class entries define nothing.
 */

interface Manifest {
  exports?: Record<string, string | null>;
  sideEffects?: string[] | boolean;
  customElements?: string;
}

const base = '/components/';
const load = async <T = Record<string, unknown>>(target: string): Promise<T> =>
  (await import(/* @vite-ignore */ new URL(target, new URL(base, location.origin)).href)) as T;
const januaTags = (tags: string[]) => tags.filter((tag) => customElements.get(tag));

let pkg: Manifest;
/** Element folders, from the all-in-one entry: each `import './<name>/define.ts'`. */
let elements: string[];
/** Tags found defined right after every class entry was imported. */
let definedByClasses: string[] = [];
let classes: Record<string, unknown> = {};

before(async () => {
  pkg = (await (await fetch(`${base}package.json`)).json()) as Manifest;
  // The dev server hands out index.ts compiled, so quotes may have changed; the imports remain.
  const index = await (await fetch(`${base}index.ts`)).text();
  elements = [...index.matchAll(/import\s*["']\.\/([a-z-]+)\/define\.ts["']/g)].map((m) => m[1]!);
  for (const name of elements) {
    const target = pkg.exports?.[`./${name}/class`];
    if (target) classes[name] = await load(target);
  }
  definedByClasses = januaTags(elements.map((name) => `janua-${name}`));
});

describe('@janua/ui package entries', () => {
  it('is accessible: elements registered through their own entries render accessibly', async () => {
    for (const name of ['provider', 'sign-in', 'signed-out']) await load(pkg.exports![`./${name}`]!);
    const el = await fixture(html`<janua-provider api="http://package.test">
      <janua-signed-out><janua-sign-in sign-up-url="/up"></janua-sign-in></janua-signed-out></janua-provider>`);
    await expect(el).to.be.accessible();
  });

  it('exports one define entry and one side-effect-free class entry per element', async () => {
    expect(elements.length).to.be.greaterThan(8);
    for (const name of elements) {
      expect(pkg.exports?.[`./${name}`], `./${name}`).to.equal(`./${name}/define.ts`);
      expect(pkg.exports?.[`./${name}/class`], `./${name}/class`).to.equal(`./${name}/${name}.ts`);
      const ctor = Object.values(classes[name] as object).find((v) => typeof v === 'function' && v.prototype instanceof HTMLElement);
      expect(ctor, `a custom element class from ./${name}/class`).to.be.a('function');
    }
    expect(definedByClasses, 'tags defined by importing class entries only').to.deep.equal([]);
  });

  it('registers each tag through its define entry, and the main entry defines them all', async () => {
    for (const name of elements) {
      const mod = await load(pkg.exports![`./${name}`]!);
      expect(customElements.get(`janua-${name}`), `janua-${name}`).to.equal(Object.values(mod)[0]);
    }
    expect(pkg.exports?.['.']).to.equal('./index.ts');
    const main = await load<Record<string, unknown>>(pkg.exports!['.']!);
    expect(main.JanuaSignIn).to.equal(customElements.get('janua-sign-in'));
  });

  it('keeps internals private, lists only entries that register as side effects, and points at its manifest', () => {
    const keys = Object.keys(pkg.exports ?? {});
    for (const key of keys) {
      if (key.startsWith('./internal')) expect(pkg.exports![key], key).to.equal(null);
    }
    expect(Object.values(pkg.exports ?? {}).filter((t) => t?.includes('internal/'))).to.deep.equal([]);
    expect([...(pkg.sideEffects as string[])].sort()).to.deep.equal(
      ['./index.ts', ...elements.map((name) => `./${name}/define.ts`)].sort(),
    );
    expect(pkg.customElements).to.equal('./custom-elements.json');
  });
});
