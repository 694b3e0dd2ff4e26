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
import './sign-up/define.ts';
import './signed-in/define.ts';
import './signed-out/define.ts';
import './sign-out-button/define.ts';
import './user-name/define.ts';
import './user-button/define.ts';
import './user-profile/define.ts';
import './mfa-setup/define.ts';
import './backup-codes/define.ts';
import './passkey-manager/define.ts';
import './session-list/define.ts';
import './forgot-password/define.ts';
import './reset-password/define.ts';
import './verify-email/define.ts';

export { JanuaElement } from './internal/janua-element.ts';
export { JanuaAuthElement } from './internal/auth-element.ts';
export { JanuaProvider } from './provider/provider.ts';
export { JanuaAlert } from './alert/alert.ts';
export { JanuaButton } from './button/button.ts';
export { JanuaDivider } from './divider/divider.ts';
export { JanuaLink } from './link/link.ts';
export { JanuaSignIn } from './sign-in/sign-in.ts';
export { JanuaSignUp } from './sign-up/sign-up.ts';
export { JanuaSignedIn } from './signed-in/signed-in.ts';
export { JanuaSignedOut } from './signed-out/signed-out.ts';
export { JanuaSignOutButton } from './sign-out-button/sign-out-button.ts';
export { JanuaUserName } from './user-name/user-name.ts';
export { JanuaUserButton } from './user-button/user-button.ts';
export { JanuaUserProfile } from './user-profile/user-profile.ts';
export { JanuaMfaSetup } from './mfa-setup/mfa-setup.ts';
export { JanuaBackupCodes } from './backup-codes/backup-codes.ts';
export { JanuaPasskeyManager } from './passkey-manager/passkey-manager.ts';
export { JanuaSessionList } from './session-list/session-list.ts';
export { JanuaForgotPassword } from './forgot-password/forgot-password.ts';
export { JanuaResetPassword } from './reset-password/reset-password.ts';
export { JanuaVerifyEmail } from './verify-email/verify-email.ts';
export { clientContext } from './internal/client-controller.ts';
export * from './internal/events.ts';
export * from './internal/events-account.ts';
