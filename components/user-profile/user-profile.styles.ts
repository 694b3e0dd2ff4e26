import { css } from 'lit';

/** The sections stack; the account elements inside take the profile's width. */
export const userProfileStyles = css`
  :host {
    --janua-mfa-setup-max-width: none;
    --janua-passkey-manager-max-width: none;
    --janua-session-list-max-width: none;
  }
  .sections {
    display: grid;
    gap: calc(1.5 * var(--_gap));
  }
  .skeleton {
    block-size: 1.5em;
  }
`;
