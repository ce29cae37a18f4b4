/**
 * How the reader's highlights look, painted as boxes by the overlay painter
 * (src/lib/dom/overlay.ts) in Glossa's closed shadow root: each box's classes and the
 * style sheet for them. Class names are short and need not be random: no page sees them.
 */
import { COLOR_SWATCHES, type HighlightColor } from '../../lib/highlights/colors';
import { FLASH_CLASS } from '../../lib/dom/overlay';

/** Translucent tints per colour (the page's text stays legible through them). */
const TINTS: Record<HighlightColor, string> = {
  yellow: 'rgba(255,214,0,0.40)',
  green: 'rgba(60,200,110,0.34)',
  blue: 'rgba(70,150,255,0.32)',
  pink: 'rgba(255,100,170,0.32)',
};
const FLASH_TINT = 'rgba(255,140,0,0.55)';

/**
 * The boxes' shared style, by class: each box then carries only its geometry inline. A
 * full style attribute per box cost the browser a declaration parse and a style of its own
 * for each of hundreds of boxes.
 */
export const HIGHLIGHT_BOX_CSS = [
  '.gb{position:absolute;box-sizing:border-box;pointer-events:none;border-bottom:2px solid}',
  '.gb.gn{border-bottom-style:dotted}',
  ...(Object.keys(TINTS) as HighlightColor[]).map(
    (c) => `.gb.g-${c}{background:${TINTS[c]};border-bottom-color:${COLOR_SWATCHES[c]}}`,
  ),
  `.gb.${FLASH_CLASS}{background:${FLASH_TINT}}`,
  // Print lays the page out anew: boxes measured on screen would tint other words there.
  '@media print{.gb{display:none}}',
].join('\n');

/** A highlight's box classes: its colour, and a dotted underline when it has a note. */
export const highlightBoxClass = (color: HighlightColor, note: boolean): string => `gb g-${color}${note ? ' gn' : ''}`;
