import { expect, fixture, html } from '@open-wc/testing';
import { readElements } from '../../scripts/wrappers/model.mjs';

/*
 * What an app gets from `@janua/ui`: the entries in components/package.json, loaded the way the
 * workspace resolves them (their `source` condition: the TypeScript, as the dev server serves
 * it). The built files behind `types`/`default` are imported in plain Node by tests/packages.
 * This file runs in a page of its own, so nothing is defined yet when it starts; that is what
 * lets it check that class entries define nothing.
 */

interface Target {
  source: string;
  types: string;
  default: string;
}

interface Manifest {
  exports?: Record<string, Target | string | null>;
  sideEffects?: string[] | boolean;
  customElements?: string;
  files?: string[];
}

const base = '/components/';
const load = async <T = Record<string, unknown>>(target: Target | string | null | undefined): Promise<T> => {
  const path = typeof target === 'string' ? target : target?.source;
  if (!path) throw new Error(`no source target in ${JSON.stringify(target)}`);
  return (await import(/* @vite-ignore */ new URL(path, new URL(base, location.origin)).href)) as T;
};
/** The three conditions of a module entry: sources for the workspace, then built types and code. */
const built = (path: string): Target => ({ source: `./${path}.ts`, types: `./dist/${path}.d.ts`, default: `./dist/${path}.js` });
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
    for (const name of ['provider', 'sign-in', 'signed-out']) await load(pkg.exports![`./${name}`]);
    const el = await fixture(html`<janua-provider api="http://package.test">
      <janua-signed-out><janua-sign-in sign-up-url="/up"></janua-sign-in></janua-signed-out></janua-provider>`);
    await expect(el).to.be.accessible();
  });

  it('exports one define entry and one side-effect-free class entry per element', async () => {
    expect(elements.length).to.be.greaterThan(8);
    for (const name of elements) {
      expect(pkg.exports?.[`./${name}`], `./${name}`).to.deep.equal(built(`${name}/define`));
      expect(pkg.exports?.[`./${name}/class`], `./${name}/class`).to.deep.equal(built(`${name}/${name}`));
      // TypeScript takes the first condition it knows: `types` must come before `default`.
      expect(Object.keys(pkg.exports?.[`./${name}`] as Target), `./${name} condition order`).to.deep.equal(['source', 'types', 'default']);
      const ctor = Object.values(classes[name] as object).find((v) => typeof v === 'function' && v.prototype instanceof HTMLElement);
      expect(ctor, `a custom element class from ./${name}/class`).to.be.a('function');
    }
    expect(definedByClasses, 'tags defined by importing class entries only').to.deep.equal([]);
  });

  it('registers each tag through its define entry, and the main entry defines them all', async () => {
    for (const name of elements) {
      const mod = await load(pkg.exports![`./${name}`]);
      expect(customElements.get(`janua-${name}`), `janua-${name}`).to.equal(Object.values(mod)[0]);
    }
    expect(pkg.exports?.['.']).to.deep.equal(built('index'));
    const main = await load<Record<string, unknown>>(pkg.exports!['.']);
    expect(main.JanuaSignIn).to.equal(customElements.get('janua-sign-in'));
  });

  it('gives every property the wrappers pass a setter (Svelte sets a custom element\'s property only where it has one)', async () => {
    // The repository's manifest, whose module paths (`components/…`) the wrapper generator reads.
    const res = await fetch('/custom-elements.json');
    expect(res.ok, 'custom-elements.json: npm run manifest').to.equal(true);
    const wrapped = readElements(await res.json(), { warn: () => undefined });
    expect(wrapped.length).to.equal(elements.length);
    for (const el of wrapped) {
      await load(pkg.exports![`./${el.folder}`]);
      const setters = new Set<string>();
      for (let proto = customElements.get(el.tag)!.prototype; proto !== HTMLElement.prototype; proto = Object.getPrototypeOf(proto)) {
        for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) if (descriptor.set) setters.add(name);
      }
      expect(el.props.map((p) => p.name).filter((name) => !setters.has(name)), `${el.tag}: props without a setter`).to.deep.equal([]);
    }
  });

  it('keeps internals private, lists only entries that register as side effects, and points at its manifest', () => {
    const keys = Object.keys(pkg.exports ?? {});
    for (const key of keys) {
      if (key.startsWith('./internal')) expect(pkg.exports![key], key).to.equal(null);
    }
    expect(Object.values(pkg.exports ?? {}).filter((t) => JSON.stringify(t).includes('internal/'))).to.deep.equal([]);
    // The built files that register tags, and their sources (the kit build bundles those).
    expect([...(pkg.sideEffects as string[])].sort()).to.deep.equal(
      [
        './dist/index.js',
        ...elements.map((name) => `./dist/${name}/define.js`),
        './index.ts',
        ...elements.map((name) => `./${name}/define.ts`),
      ].sort(),
    );
    expect(pkg.customElements).to.equal('./custom-elements.json');
    expect(pkg.exports?.['./custom-elements.json']).to.equal('./custom-elements.json');
    expect(pkg.files).to.include.members(['dist', 'custom-elements.json']);
  });
});
