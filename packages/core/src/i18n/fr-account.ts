import type { PartialCatalog } from './index.ts';

/** French for the account elements; merged into the `fr` catalog. */
export const frAccount: PartialCatalog = {
};
