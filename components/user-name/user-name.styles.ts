import { css } from 'lit';

export const userNameStyles = css`
  :host {
    display: inline;
  }
`;
