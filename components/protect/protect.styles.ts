import { css } from 'lit';

/** The element adds no box of its own: its content lays out as if it were the parent's. */
export const protectStyles = css`
  :host {
    display: contents;
  }
`;
