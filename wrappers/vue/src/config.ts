/**
 * For your Vite config, only if you write the raw tags (`<janua-sign-in>`) in templates; the
 * components (`<JanuaSignIn>`, `SignIn`) need no compiler setting:
 *
 *   vue({ template: { compilerOptions: { isCustomElement } } })
 *
 * A module of its own, so the config imports no Vue runtime and no elements.
 */
export const isCustomElement = (tag: string): boolean => tag.startsWith('janua-');
