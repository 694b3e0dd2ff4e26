import type { PartialCatalog } from './index.ts';

/** French for the organization elements; merged into the `fr` catalog. */
export const frOrg: PartialCatalog = {
};
