import { css } from 'lit';
import { MARGIN, PANEL_MAX_REM } from './position.ts';
import { color, focusRingInset, fontFamily, popover, radius, spaceS, spaceXs } from './tokens.ts';

/**
 * The floating panel (`.popup`) and the rows of a menu or list in it (`.item`). The panel is a
 * manual popover in the top layer: the UA's popover box (inset 0, auto margins, Canvas colours) is
 * reset here; `position.ts` sets `left` / `top`, and `--_popup-room`, the room on the side it
 * opens on, to which the panel's height is held (it scrolls inside itself beyond). `max-content`: the panel keeps its own width
 * wherever it sits, so the viewport edge it is placed near does not squeeze it.
 */
export const popupStyles = css`
  .popup {
    position: fixed;
    inset: auto;
    margin: 0;
    box-sizing: border-box;
    inline-size: max-content;
    min-inline-size: var(--_popup-min-width, 14rem);
    max-inline-size: min(24rem, calc(100vw - 16px));
    max-block-size: min(${PANEL_MAX_REM}rem, calc(100vh - ${2 * MARGIN}px), var(--_popup-room, 100vh));
    overflow: auto;
    padding: ${spaceXs};
    font-family: ${fontFamily};
    color: ${color.text};
    background: ${popover.background};
    border: 1px solid ${popover.border};
    border-radius: ${radius};
    box-shadow: ${popover.shadow};
  }
  .popup[hidden] {
    display: none;
  }
  .item {
    box-sizing: border-box;
    display: flex;
    align-items: center;
    gap: ${spaceS};
    inline-size: 100%;
    min-block-size: 2.5rem;
    margin: 0;
    padding-block: ${spaceXs};
    padding-inline: ${spaceS};
    font: inherit;
    text-align: start;
    color: inherit;
    background: transparent;
    border: 0;
    border-radius: calc(${radius} - 0.125rem);
    cursor: pointer;
  }
  .item:hover {
    background: ${popover.hover};
  }
  .item:focus-visible {
    ${focusRingInset}
  }
  .separator {
    block-size: 1px;
    margin-block: ${spaceXs};
    background: ${color.borderSubtle};
    border: 0;
  }
  @media (forced-colors: active) {
    .popup {
      border-color: CanvasText;
    }
    .item:hover {
      outline: 1px solid Highlight;
    }
  }
`;
