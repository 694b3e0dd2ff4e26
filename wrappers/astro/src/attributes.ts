/**
 * For the generated `.astro` components: their props as the element's attributes. Server-rendered
 * HTML carries only what an attribute can: strings, numbers, booleans (present or absent).
 * Other attributes (`class`, `id`, `data-*`, `aria-*`) pass through.
 */
export function attributes(props: Record<string, unknown>, names: Readonly<Record<string, string>>, booleans: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || typeof value === 'function' || (typeof value === 'object' && key !== 'class:list')) continue;
    const name = names[key] ?? key;
    if (booleans.includes(key)) {
      if (value) out[name] = true;
    } else {
      out[name] = typeof value === 'boolean' ? String(value) : value;
    }
  }
  return out;
}
