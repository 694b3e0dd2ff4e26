/*
 * The page a provider sent the browser back to: the parameters it added are put in the address
 * before the element renders (history.replaceState) and taken out again when the story ends. The
 * element reads them and cleans the address itself.
 */

/** Each run of a return story gets an address of its own, as each real return does (the kit reads an address once). */
let returns = 0;

/** A story's `beforeEach`: the address carries `params` (e.g. `janua_return: 'social'`, `error`). */
export function cameBackWith(params: Record<string, string>) {
  return () => {
    const added = { ...params, story_return: String(++returns) };
    const url = new URL(location.href);
    for (const [key, value] of Object.entries(added)) url.searchParams.set(key, value);
    history.replaceState(history.state, '', url);
    return () => {
      const now = new URL(location.href);
      for (const key of Object.keys(added)) now.searchParams.delete(key);
      if (now.href !== location.href) history.replaceState(history.state, '', now);
    };
  };
}
