/**
 * Ids for kit-owned nodes. A counter alone is not enough: two copies of the kit on one page (a
 * per-element entry and `janua.js`, or two versions) each count from 1, and their labels would
 * point at each other's inputs. A random prefix per module instance keeps the copies apart.
 */
const prefix = Math.random().toString(36).slice(2, 7);
let counter = 0;

/** A page-unique id base such as `janua-k3f9a4`; pass `host` to keep an id its author gave it. */
export function uid(host?: Element): string {
  return host?.id || `janua-${prefix}${(++counter).toString(36)}`;
}
