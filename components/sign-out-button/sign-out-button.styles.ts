import { css } from 'lit';

export const signOutButtonStyles = css`
  :host {
    display: inline-block;
  }
`;
