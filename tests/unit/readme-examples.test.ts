import { expect, fixture } from '@open-wc/testing';
import * as core from '@janua/core';
import * as ui from '../../components/index.ts';
import { until } from './helpers.ts';

/*
 * The README's HTML and JavaScript examples, run as written (the CSS ones are in readme.test.ts,
 * the framework ones are excerpts of the example apps, held by tests/wrappers/readme.test.ts).
 * Only what cannot run in a test page is changed: the script tag that loads the kit (the kit is
 * loaded here already), and the `import` lines (bound to the same modules).
 */

const blocks = async (lang: string): Promise<string[]> => {
  const text = await (await fetch('/README.md')).text();
  return [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
};

const offline = () => new core.JanuaClient({ api: 'http://readme.test', restore: false, crossTab: false });
/** Gives elements made from markup a client that calls no server (a page would name its API). */
const connect = (els: Element[]) => {
  const client = offline();
  for (const el of els) (el as unknown as { client: unknown }).client = client;
};

const heading = (el: Element) => el.shadowRoot?.querySelector('[part~="heading"]')?.textContent?.trim() ?? '';

describe('README examples (HTML and JavaScript)', () => {
  const lang = document.documentElement.lang;
  afterEach(() => {
    document.documentElement.lang = lang;
  });

  it('every quick-start HTML block renders: each tag defined, upgraded and drawn', async () => {
    const html = (await blocks('html')).filter((b) => b.includes('<janua-') && !b.includes('<html'));
    expect(html.length, 'quick-start blocks').to.be.greaterThan(1);
    for (const block of html) {
      const markup = block.replace(/<script[^>]*><\/script>/g, '');
      const stage = await fixture<HTMLDivElement>(`<div>${markup}</div>`);
      const tags = [...stage.querySelectorAll('*')].filter((el) => el.localName.startsWith('janua-'));
      expect(tags.length, markup).to.be.greaterThan(0);
      for (const el of tags) {
        const defined = customElements.get(el.localName);
        expect(defined, `<${el.localName}> is defined`).to.not.equal(undefined);
        expect(el).to.be.instanceOf(defined!);
        await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
        const root = (el as unknown as { renderRoot?: Node }).renderRoot;
        expect(root, `<${el.localName}> rendered`).to.not.equal(undefined);
        if (root !== el) expect(el.shadowRoot, `<${el.localName}> drew its shadow root`).to.not.equal(null);
      }
    }
  });

  it('the language block: <html lang> sets every element, locale one of them', async () => {
    const block = (await blocks('html')).find((b) => b.includes('<html lang='))!;
    const pageLang = /<html lang="([\w-]+)">/.exec(block)![1]!;
    const element = block.split('\n').find((line) => line.startsWith('<janua-sign-in'))!.replace(/<!--.*-->/, '');
    document.documentElement.lang = pageLang;
    const stage = await fixture<HTMLDivElement>(`<div>${element}<janua-sign-in></janua-sign-in></div>`);
    const [own, page] = [...stage.querySelectorAll('janua-sign-in')] as Element[];
    connect([own!, page!]);
    await until(() => heading(page!) === 'Anmelden', `the page language (German), not "${heading(page!)}"`);
    await until(() => heading(own!) === 'ログイン', "the element's own locale (Japanese)");
  });

  it('the string overrides block runs as written and changes what it says', async () => {
    const block = (await blocks('js')).find((b) => b.includes('registerCatalog('))!;
    const stage = await fixture<HTMLDivElement>('<div><janua-sign-in></janua-sign-in><janua-sign-in locale="fr"></janua-sign-in></div>');
    const [signIn, french] = [...stage.querySelectorAll('janua-sign-in')] as Element[];
    connect([signIn!, french!]);
    const code = block
      .replace("import { registerCatalog } from '@janua/core';", 'const { registerCatalog } = core;')
      .replace("import { JanuaElement } from '@janua/ui';", 'const { JanuaElement } = ui;');
    expect(code, 'every import bound').to.not.match(/^import /m);
    const run = new Function('core', 'ui', 'signIn', code) as (c: unknown, u: unknown, s: Element) => void;
    try {
      run(core, ui, signIn!);
      await until(() => heading(signIn!) === 'Log in to Acme', 'the element-only override');
      await until(() => heading(french!) === 'Connexion à Acme', 'the page-wide French override');
    } finally {
      ui.JanuaElement.setStrings('fr', { 'signIn.title': 'Connexion' });
    }
  });

  it("the plain-page blocks: registerCatalog from janua.js, and a partial catalog module", async () => {
    const js = await blocks('js');
    const page = js.find((b) => /^import \{ registerCatalog \} from '[^']*janua\.js';$/m.test(b))!;
    const catalog = js.find((b) => b.includes('export default'))!;
    expect(page, 'a block that imports registerCatalog from janua.js').to.not.equal(undefined);
    expect(catalog, 'a catalog module').to.not.equal(undefined);
    const [, file] = /import\('(\.\/[\w-]+\.js)'\)/.exec(page)!;
    expect(catalog, 'the catalog block is the module the loader imports').to.include(`// ${file!.slice(2)}`);
    // janua.js is components/index.ts built: the same exports.
    expect(ui.registerCatalog, 'janua.js exports registerCatalog').to.be.a('function');
    const url = URL.createObjectURL(new Blob([catalog], { type: 'text/javascript' }));
    const code = page.replace(/^import \{ registerCatalog \} from '[^']*';$/m, 'const { registerCatalog } = ui;').replace(file!, url);
    expect(code, 'every import bound').to.not.match(/^import /m);
    const expected = ((await import(url)) as { default: Record<string, string> }).default;
    (new Function('ui', code) as (u: unknown) => void)(ui);
    const stage = await fixture<HTMLDivElement>('<div><janua-sign-in locale="nl"></janua-sign-in></div>');
    const el = stage.querySelector('janua-sign-in')!;
    connect([el]);
    await until(() => heading(el) === expected['signIn.title'], 'the catalog\'s title');
    const subtitle = () => el.shadowRoot?.querySelector('[part~="subtitle"]')?.textContent?.trim();
    expect(subtitle(), 'a key the catalog leaves out is English').to.equal(core.en['signIn.subtitle']);
    expect(el.querySelector('.janua-field-email .janua-label')?.textContent, "the catalog's field label").to.include(expected['field.email']);
    URL.revokeObjectURL(url);
  });

  it('the plural example is the English catalog entry, and it counts', async () => {
    const block = (await blocks('js')).find((b) => b.includes('RATE_LIMITED_RETRY'))!;
    const [, key, template] = /'([\w.]+)': '(.*)'/.exec(block)!;
    expect(core.en[key as keyof typeof core.en]).to.equal(template);
    expect(core.format(template!, { seconds: 1 }, 'en')).to.equal('Too many attempts. Try again in 1 second.');
    expect(core.format(template!, { seconds: 1500 }, 'en')).to.equal('Too many attempts. Try again in 1,500 seconds.');
  });
});
