/**
 * @janua/ui: every element, defined. This file becomes `dist/janua.js`, the one script a plain
 * HTML page needs.
 */
import './provider/define.ts';
import './alert/define.ts';
import './button/define.ts';
import './divider/define.ts';
import './link/define.ts';
import './sign-in/define.ts';
import './mfa-challenge/define.ts';
import './magic-link/define.ts';
import './sign-up/define.ts';
import './signed-in/define.ts';
import './signed-out/define.ts';
import './sign-out-button/define.ts';
import './user-name/define.ts';

export { JanuaElement } from './internal/janua-element.ts';
export { JanuaAuthElement } from './internal/auth-element.ts';
export { JanuaProvider } from './provider/provider.ts';
export { JanuaAlert } from './alert/alert.ts';
export { JanuaButton } from './button/button.ts';
export { JanuaDivider } from './divider/divider.ts';
export { JanuaLink } from './link/link.ts';
export { JanuaSignIn } from './sign-in/sign-in.ts';
export { JanuaMfaChallenge } from './mfa-challenge/mfa-challenge.ts';
export { JanuaMagicLink } from './magic-link/magic-link.ts';
export { JanuaSignUp } from './sign-up/sign-up.ts';
export { JanuaSignedIn } from './signed-in/signed-in.ts';
export { JanuaSignedOut } from './signed-out/signed-out.ts';
export { JanuaSignOutButton } from './sign-out-button/sign-out-button.ts';
export { JanuaUserName } from './user-name/user-name.ts';
export { clientContext } from './internal/client-controller.ts';
export * from './internal/events.ts';
export * from './internal/events-auth.ts';
