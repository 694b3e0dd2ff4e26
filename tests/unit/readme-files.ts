/** The project's READMEs, read from the test server: the root's, the server's, and each element's. */
export interface Readme {
  path: string;
  text: string;
}

/** Every README the project ships; a listed one that is missing fails, so no check narrows silently. */
export async function readmes(): Promise<Readme[]> {
  const pkg = (await (await fetch('/components/package.json')).json()) as { exports: Record<string, string | null> };
  const names = Object.keys(pkg.exports).map((k) => /^\.\/([a-z-]+)$/.exec(k)?.[1]).filter(Boolean) as string[];
  const paths = ['/README.md', '/packages/server/README.md', '/components/README.md', ...names.map((n) => `/components/${n}/README.md`)];
  return Promise.all(paths.map(async (path) => {
    const res = await fetch(path);
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return { path, text: await res.text() };
  }));
}

/** The code blocks of one language in a Markdown text. */
export const codeBlocks = (text: string, lang: string): string[] =>
  [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
