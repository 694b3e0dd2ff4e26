import { css } from 'lit';

/** The provider is a pure context boundary: it must not add a box to the page's layout. */
export const providerStyles = css`
  janua-provider {
    display: contents;
  }
`;
