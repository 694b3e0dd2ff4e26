/**
 * For the generated `.astro` components: their props as the element's attributes. Server-rendered
 * HTML carries only what an attribute can: strings, numbers, booleans (present or absent), and
 * for a prop whose attribute the element reads as JSON (`<SignUp fields>`), the object as JSON.
 * Other attributes (`class`, `id`, `data-*`, `aria-*`) pass through.
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
    if (booleans.includes(key)) {
      if (value) out[name] = true;
    } else {
      out[name] = typeof value === 'boolean' ? String(value) : value;
    }
  }
  return out;
}
