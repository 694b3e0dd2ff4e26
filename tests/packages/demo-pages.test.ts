/**
 * The demo site's pages are plain HTML, each with its own copy of the header, so their menus
 * drifted apart once (the account page had no link to the organizations page, and back). Every
 * page of demo/ now offers the same pages in the same order, marks itself `aria-current="page"`
 * when it is one of them, and loads the kit and the demo script the same way.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const demo = join(import.meta.dirname, '../../demo');

/** Every HTML page of demo/, as the URL path the demo server answers it at. */
function pages(): { path: string; html: string }[] {
  const found: { path: string; html: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name.endsWith('.html')) {
        const path = '/' + relative(demo, file).replace(/(^|\/)index\.html$/, '$1');
        found.push({ path, html: readFileSync(file, 'utf8') });
      }
    }
  };
  walk(demo);
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

function menu(html: string): { href: string; current: boolean; text: string }[] {
  const nav = /<nav aria-label="Demo pages">([\s\S]*?)<\/nav>/.exec(html);
  assert.ok(nav, 'a <nav aria-label="Demo pages">');
  return [...nav[1].matchAll(/<a href="([^"]+)"( aria-current="page")?>([^<]+)<\/a>/g)].map((m) => ({
    href: m[1],
    current: m[2] !== undefined,
    text: m[3],
  }));
}

const all = pages();

test('the demo has its pages (the walk found them)', () => {
  assert.ok(all.length >= 9, `found ${all.map((p) => p.path).join(', ')}`);
  assert.ok(all.some((p) => p.path === '/'));
});

test('every demo page offers the same menu, in the same order, with itself marked current', () => {
  const reference = menu(all.find((p) => p.path === '/')!.html).map(({ href, text }) => ({ href, text }));
  assert.deepEqual(reference.map((l) => l.href), ['/', '/dark.html', '/account.html', '/organizations.html']);
  for (const page of all) {
    const links = menu(page.html);
    assert.deepEqual(links.map(({ href, text }) => ({ href, text })), reference, `${page.path}: its menu`);
    const current = links.filter((l) => l.current).map((l) => l.href);
    const inMenu = reference.some((l) => l.href === page.path);
    assert.deepEqual(current, inMenu ? [page.path] : [], `${page.path}: aria-current`);
  }
});

test('every demo page loads the kit and the demo script as modules, under a CSP with no inline script', () => {
  for (const page of all) {
    assert.match(page.html, /<script type="module" src="\/janua\.js"><\/script>/, `${page.path}: janua.js`);
    assert.match(page.html, /<script type="module" src="\/demo\.js"><\/script>/, `${page.path}: demo.js`);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page.html)?.[1];
    assert.ok(csp, `${page.path}: a Content-Security-Policy`);
    assert.match(csp, /script-src 'self'(;|$)/, `${page.path}: scripts from the site only`);
    assert.doesNotMatch(page.html, /<script(?![^>]*\bsrc=)[^>]*>/, `${page.path}: no inline script`);
  }
});
