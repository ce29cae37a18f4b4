/** The highlight palette. Stored by name; drawn by `::highlight(glossa-hl-<name>)` in the content CSS. */
export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink'] as const;
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];
export const DEFAULT_COLOR: HighlightColor = 'yellow';

export const COLOR_LABELS: Record<HighlightColor, string> = {
  yellow: 'Yellow',
  green: 'Green',
  blue: 'Blue',
  pink: 'Pink',
};

/** Swatch colors for UI (legible on light and dark surfaces; the name is always shown too). */
export const COLOR_SWATCHES: Record<HighlightColor, string> = {
  yellow: '#f5d90a',
  green: '#5cc872',
  blue: '#6aa7f8',
  pink: '#f28bb8',
};

export function isHighlightColor(value: unknown): value is HighlightColor {
  return typeof value === 'string' && (HIGHLIGHT_COLORS as readonly string[]).includes(value);
}

/** A stored color, or the default for rows written with a color this version does not know. */
export function colorOf(value: string): HighlightColor {
  return isHighlightColor(value) ? value : DEFAULT_COLOR;
}

/** The CSS Custom Highlight name of a color. */
export function highlightName(color: HighlightColor): string {
  return `glossa-hl-${color}`;
}
