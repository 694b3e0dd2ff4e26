/**
 * HTML's global attributes that are boolean (present or absent, whatever their value): passed
 * through as `hidden={false}`, they must be left out, not written `hidden="false"`, which hides.
 * Not the enumerated ones, whose `"false"` is a value (`spellcheck`, `draggable`,
 * `contenteditable`), nor `hidden="until-found"`, a string, which passes as it is.
 */
const GLOBAL_BOOLEANS: ReadonlySet<string> = new Set(['autofocus', 'hidden', 'inert', 'itemscope']);

/**
 * For the generated `.astro` components: their props as the element's attributes. Server-rendered
 * HTML carries only what an attribute can: strings, numbers, booleans (present or absent), and
 * for a prop whose attribute the element reads as JSON (`<SignUp fields>`), the object as JSON.
 * Other attributes (`class`, `id`, `data-*`, `aria-*`) pass through; a boolean given to one of
 * HTML's boolean global attributes (`hidden`, `inert`, `autofocus`, `itemscope`) makes it
 * present or absent, as on a plain element.
 */
export function attributes(props: Record<string, unknown>, names: Readonly<Record<string, string>>, booleans: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || typeof value === 'function') continue;
    if (typeof value === 'object' && key !== 'class:list') {
      // An element's object property with an attribute is Lit's JSON converter's (type Array or Object).
      if (names[key]) out[names[key]] = JSON.stringify(value);
      continue;
    }
    const name = names[key] ?? key;
    if (booleans.includes(key) || (typeof value === 'boolean' && GLOBAL_BOOLEANS.has(name))) {
      if (value) out[name] = true;
    } else {
      out[name] = typeof value === 'boolean' ? String(value) : value;
    }
  }
  return out;
}
