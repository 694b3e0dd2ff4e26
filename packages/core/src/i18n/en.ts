import type { enAccount } from './en-account.ts';
import type { enMagic } from './en-magic.ts';
import type { enMfa } from './en-mfa.ts';
import type { enOrg } from './en-org.ts';
import type { enPassword } from './en-password.ts';
import type { enSignUp } from './en-signup.ts';

/**
 * The English catalog: the strings of the sign-in card and what every element shares; the other
 * elements' own strings are families of their own (`en-<family>.ts`, set as an element's
 * `static messages`). It is the built-in fallback, so every other catalog may be partial. `{name}` placeholders are filled by `format()`.
 */
export const en = {
  // Shared field labels and hints
  'field.email': 'Email address',
  'field.password': 'Password',
  'field.firstName': 'First name',
  'field.lastName': 'Last name',
  'field.optional': '(optional)',
  'field.required': 'Fill in this field.',
  'field.invalidEmail': 'Enter an email address like name@example.com.',
  'field.tooShort': 'Use at least {min} characters.',
  'field.tooLong': 'Use at most {max} characters.',
  'field.invalid': 'Check this field.',
  'field.mustCheck': 'Tick this box to continue.',
  'field.choose': 'Choose…',
  'field.show': 'Show',
  'field.hide': 'Hide',
  'field.showPassword': 'Show password',
  'field.hidePassword': 'Hide password',

  // Field errors from the server (422 `validation_errors`), by `type`, then `type.field`
  'validation.required': 'Fill in this field.',
  'validation.type': 'Check this field.',
  'validation.format': 'Check the format of this field.',
  'validation.format.email': 'Enter an email address like name@example.com.',
  'validation.min_length': 'This is too short.',
  'validation.max_length': 'This is too long.',
  'validation.taken': 'This is already taken. Choose another one.',
  'validation.taken.email': 'An account with this email already exists. Sign in instead.',
  'validation.taken.username': 'This username is taken. Choose another one.',
  'validation.taken.slug': 'This organization address is taken. Choose another one.',
  'validation.invalid': 'Check this field.',
  'validation.invalid.password': 'That password is not correct.',
  'validation.invalid.current_password': 'That password is not correct.',

  // Sign in
  'signIn.title': 'Sign in',
  'signIn.titleApp': 'Sign in to {app}',
  'signIn.subtitle': 'Welcome back. Sign in to continue.',
  'signIn.submit': 'Sign in',
  'signIn.pending': 'Signing in…',
  'signIn.forgotPassword': 'Forgot password?',
  'signIn.noAccount': 'No account yet?',
  'signIn.signUpLink': 'Create an account',
  'signIn.mfaRequired': 'Your password is correct. Finish signing in with your second factor.',

  'signIn.passkey': 'Sign in with a passkey',
  'signIn.passkeyPending': 'Waiting for your passkey…',
  'signIn.passkeyCancelled': 'No passkey was used. Try again, or sign in another way.',
  'signIn.passkeyUnavailable': 'Passkeys are not available in this browser. Sign in another way.',
  'signIn.magicLink': 'Email me a sign-in link',
  'signIn.magicLinkPending': 'Sending the link…',
  'signIn.otherWays': 'Other ways to sign in',
  'signIn.providers': 'Sign in with an account you already have',

  // Social sign-in and enterprise SSO
  'social.continue': 'Continue with {provider}',
  'social.pending': 'Opening {provider}…',
  'social.returning': 'Finishing your sign-in…',
  'sso.hint': 'Your organization signs you in with single sign-on. No password needed here.',
  'sso.submit': 'Continue with SSO',
  'sso.pending': 'Opening your organization’s sign-in…',
  'sso.found': 'This address uses single sign-on: continue with SSO.',
  'sso.unknown': 'We could not check whether this address signs in with single sign-on, so your password was not sent. Try again in a moment.',

  // Magic links: asking for one (the page the link opens is `en-magic.ts`)
  'magicLink.sentTitle': 'Check your email',
  'magicLink.sentSubtitle': 'If an account exists for {email}, a sign-in link is on its way. It works once, for 15 minutes.',
  'magicLink.resend': 'Send the link again',
  'magicLink.resendIn': 'Send again in {seconds} s',
  'magicLink.resent': 'We sent a new link. Only the newest one works.',
  'magicLink.back': 'Use another way to sign in',

  // Outcomes
  'signedIn.title': 'You are signed in',
  'signedIn.as': 'Signed in as {name}.',
  'signedIn.redirecting': 'Signed in. Taking you onward…',
  'signedIn.continue': 'Continue',
  'signedIn.notYou': 'Not you? Sign out to use another account.',
  'signOut.label': 'Sign out',
  'signOut.pending': 'Signing out…',

  // Generic
  'common.loading': 'Loading…',
  'common.or': 'or',
  'common.errorPrefix': 'Error:',
  'common.reconnecting': 'We can’t reach the server. It may be down, or it may not accept requests from this page. Trying again…',
  'common.invalidApi': 'This sign-in form is not connected: its api attribute is not a valid server URL.',
  'common.noClient': 'This sign-in form is not connected: give it an api attribute or place it inside <janua-provider>.',

  // One message per API error code, plus a fallback for codes this catalog does not know
  'error.VALIDATION_ERROR': 'Some fields need your attention.',
  'error.INVALID_CREDENTIALS': 'That email and password do not match. Check both and try again.',
  'error.ACCOUNT_LOCKED': 'This account is locked after too many attempts. Try again later or reset your password.',
  'error.RATE_LIMITED': 'Too many attempts. Wait a moment and try again.',
  'error.RATE_LIMITED_RETRY': 'Too many attempts. Try again in {seconds, plural, one {# second} other {# seconds}}.',
  'error.EMAIL_TAKEN': 'An account with this email already exists. Sign in instead.',
  'error.USERNAME_TAKEN': 'This username is taken. Choose another one.',
  'error.INVALID_JSON': 'The request could not be read. Reload the page and try again.',
  'error.UNSUPPORTED_MEDIA_TYPE': 'The request could not be read. Reload the page and try again.',
  'error.MFA_ALREADY_ENABLED': 'Two-step verification is already on for this account.',
  'error.MFA_NOT_ENABLED': 'Two-step verification is not on for this account.',
  'error.MFA_METHOD_UNAVAILABLE': 'That verification method is not set up for this account.',
  'error.SLUG_TAKEN': 'This organization address is taken. Choose another one.',
  'error.LAST_OWNER': 'An organization needs an owner. Make someone else an owner first.',
  'error.ALREADY_MEMBER': 'This person is already a member of the organization.',
  'error.INVITATION_NOT_PENDING': 'This invitation was already accepted, revoked or has expired.',
  'error.WEAK_PASSWORD': 'Choose a stronger password.',
  'error.INVALID_TOKEN': 'This link or session is no longer valid. Start again.',
  'error.INVALID_MFA_CODE': 'That code is not valid. Check it and try again.',
  'error.UNAUTHORIZED': 'Your session has ended. Sign in again.',
  'error.FORBIDDEN': 'You do not have permission to do that.',
  'error.NOT_FOUND': 'We could not find what you asked for.',
  'error.BAD_REQUEST': 'The request could not be processed. Check what you entered.',
  'error.PAYLOAD_TOO_LARGE': 'What you entered is too long.',
  'error.INTERNAL_ERROR': 'Something went wrong on our side. Try again in a moment.',
  'error.SERVICE_UNAVAILABLE': 'The service is busy. Try again in a moment.',
  'error.NETWORK_ERROR': 'We could not reach the server. It may be down, or it may not accept requests from this page. Check your connection and try again.',
  'error.HTTP_ERROR': 'The server answered with an error. Try again in a moment.',
  'error.INVALID_RESPONSE': 'The server sent an answer we could not read. Try again in a moment.',
  'error.CLIENT_ERROR': 'This page could not complete the request. Reload it and try again.',
  'error.MFA_EXPIRED': 'This sign-in step has expired. Sign in again.',
  'error.PASSKEY_CANCELLED': 'The passkey request was cancelled. Try again when you are ready.',
  'error.PASSKEY_UNSUPPORTED': 'This browser cannot use passkeys. Use another sign-in method.',
  'error.PASSKEY_ALREADY_REGISTERED': 'This device already holds a passkey for your account.',
  'error.PASSKEY_FAILED': 'The passkey could not be used. Try again or use another sign-in method.',
  'error.ACCESS_DENIED': 'The sign-in was cancelled or refused at the provider. Try again, or sign in another way.',
  'error.INVALID_STATE': 'This sign-in was started in another browser or took too long. Start again.',
  'error.PROVIDER_ERROR': 'The sign-in provider reported a problem. Try again, or sign in another way.',
  'error.PROVIDER_UNREACHABLE': 'The sign-in provider could not be reached. Try again in a moment.',
  'error.EXCHANGE_FAILED': 'The sign-in could not be completed with the provider. Start again.',
  'error.INVALID_ID_TOKEN': 'The provider’s answer could not be verified. Start again.',
  'error.INVALID_NONCE': 'The provider’s answer could not be verified. Start again.',
  'error.INVALID_ISSUER': 'The provider’s answer could not be verified. Start again.',
  'error.EMAIL_REQUIRED': 'The provider did not share your email address, which is needed to sign you in.',
  'error.EMAIL_NOT_VERIFIED': 'The provider has not verified your email address. Verify it there, or sign in another way.',
  'error.ACCOUNT_EXISTS': 'An account with this email already exists. Sign in to it the usual way first.',
  'error.EMAIL_DOMAIN_NOT_ALLOWED': 'Your organization’s sign-in does not cover this email address.',
  'error.SSO_DISABLED': 'Single sign-on is turned off for this organization.',
  'error.SERVER_ERROR': 'The sign-in could not be completed. Try again in a moment.',
  'error.SESSION_NOT_RESTORED': 'You signed in, but this page could not open your session. Reload the page and try again.',
  'error.generic': 'Something went wrong. Try again.',
} as const;

/** Every key of every English catalog: the core one here and the families' (`en-*.ts`). */
export type MessageKey = keyof typeof en | keyof typeof enOrg | keyof typeof enAccount | keyof typeof enMfa | keyof typeof enPassword
  | keyof typeof enSignUp | keyof typeof enMagic;
