/**
 * English strings of the second-factor step (`<janua-mfa-challenge>`). Kept out of the core
 * catalog so the first load of a sign-in page, which shows that step only for MFA accounts (and
 * then loads the element), does not carry them: the element sets `static messages = enMfa`, and
 * so does `<janua-mfa-setup>`, which says a refused first code in the same words. Keys start
 * with `mfa.`.
 */
export const enMfa = {
  'mfa.title': 'Two-step verification',
  'mfa.notice': 'One more step: confirm it is you with your second factor.',
  'mfa.subtitle.totp': 'Enter the 6-digit code from your authenticator app.',
  'mfa.subtitle.sms': 'Enter the 6-digit code we texted to your phone.',
  'mfa.subtitle.smsUnsent': 'We will text a 6-digit code to the phone on your account.',
  'mfa.subtitle.backup_code': 'Enter one of the backup codes you saved when you turned on two-step verification.',
  'mfa.label.totp': 'Authentication code',
  'mfa.label.sms': 'Code from the text message',
  'mfa.label.backup_code': 'Backup code',
  'mfa.submit': 'Verify',
  'mfa.pending': 'Verifying…',
  'mfa.useTotp': 'Use your authenticator app',
  'mfa.useBackup': 'Use a backup code',
  'mfa.useSms': 'Send a code by SMS',
  'mfa.resendSms': 'Send a new code',
  'mfa.resendIn': 'Send a new code in {seconds} s',
  'mfa.smsSending': 'Sending the code…',
  'mfa.smsSent': 'We texted a code to your phone. It works for 5 minutes.',
  'mfa.startOver': 'Start over',
  'mfa.none': 'No sign-in is waiting for a code. Sign in first.',
  'mfa.ended': 'This sign-in step has ended. Sign in again to continue.',
  'mfa.signInAgain': 'Sign in again',
  'mfa.error.format': 'Enter the 6 digits of the code.',
  'mfa.error.formatBackup': 'Enter the whole backup code, like abcd-efgh-ijkl.',
  'mfa.error.wrong': 'That code is not right. Check it and try again.',
  'mfa.error.wrongBackup': 'That backup code is not right. Check it and try again.',
  'mfa.error.reused': 'This code was already used. Wait for the next code in your app and enter that one.',
  'mfa.error.reusedBackup': 'This backup code was already used, and each one works only once. Enter another.',
  'mfa.error.reusedSms': 'This code was already used. Send a new code.',
  'mfa.error.expired': 'This code has expired. Enter the code your app shows now.',
  'mfa.error.expiredSms': 'This code has expired. Send a new one.',
  'mfa.error.replaced': 'A newer code was sent to your phone. Enter the code from the latest text message.',
  'mfa.error.usedUpSms': 'Too many wrong tries: this code no longer works. Send a new one.',
  'mfa.error.attempts': '{count, plural, one {# try left} other {# tries left}} for this sign-in.',
} as const;
