import type { LayoutServerLoad } from './$types';

// What the server knows about the visitor, for the page: plain data, never the token.
export const load: LayoutServerLoad = ({ locals }) => ({ janua: locals.janua });
