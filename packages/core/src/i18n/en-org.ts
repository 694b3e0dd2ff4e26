/**
 * English strings of the organization elements (`<janua-org-switcher>`, `<janua-create-org>`,
 * `<janua-org-profile>`, `<janua-accept-invitation>`, `<janua-protect>`). Kept out of the core
 * catalog so a page that shows only sign-in never downloads them: those elements set
 * `static messages = enOrg`. Keys start with `org.`.
 */
export const enOrg = {
} as const;
