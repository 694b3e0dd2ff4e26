import { css } from 'lit';
import { color, spaceM } from '../internal/tokens.ts';

export const dividerStyles = css`
  :host {
    display: block;
    --_line: var(--janua-divider-color, ${color.border});
    --_gap: var(--janua-divider-gap, ${spaceM});
  }
  .base {
    display: flex;
    align-items: center;
    gap: var(--_gap);
    color: ${color.muted};
    font-size: 0.875em;
  }
  .line {
    flex: 1;
    border-block-start: 1px solid var(--_line);
  }
  .label:empty {
    display: none;
  }
`;
