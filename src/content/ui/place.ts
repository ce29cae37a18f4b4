/**
 * Where a panel of Glossa's UI goes next to an anchor rectangle: @floating-ui/core's
 * placement (its middleware: offset, flip, shift, size) on a platform that knows only the
 * viewport.
 *
 * Why not @floating-ui/dom: a panel is a fixed box in the top layer (floating-panel.ts) and
 * its anchor is a client rectangle, so there is no offset parent, no clipping ancestor and
 * no scrolling container between them — the viewport is all that clips it. The DOM
 * platform's work on those (and its code, 2.5 KB of the UI chunk gzipped) is for nothing
 * here.
 */
import { computePosition, type ComputePositionConfig, type Platform, type Rect } from '@floating-ui/core';

/** What a panel asks of its placement: everything but the platform (this module's). */
export type Placement = Omit<ComputePositionConfig, 'platform' | 'strategy'>;

/** The top-left corner, in client coordinates, for `floating` placed next to `anchor`. */
export function placeNextTo(
  anchor: DOMRect,
  floating: HTMLElement,
  placement: Placement,
): Promise<{ x: number; y: number }> {
  const platform = viewportPlatform(floating.ownerDocument);
  return computePosition(anchor, floating, { ...placement, strategy: 'fixed', platform });
}

const rectOf = (r: DOMRect): Rect => ({ x: r.left, y: r.top, width: r.width, height: r.height });

/** The visible part of `doc`'s page (pinch-zoom and scrollbars counted), in client coordinates. */
function viewportOf(doc: Document): Rect {
  const win = doc.defaultView;
  const vv = win?.visualViewport;
  if (vv) return { x: vv.offsetLeft, y: vv.offsetTop, width: vv.width, height: vv.height };
  // Without it (older browsers, jsdom): the window, its scrollbars included — not
  // documentElement.clientHeight, which in quirks mode is the whole document's height.
  return { x: 0, y: 0, width: win?.innerWidth ?? 0, height: win?.innerHeight ?? 0 };
}

/** The anchor is a client rectangle, the panel an element of `doc`, the viewport all that clips. */
function viewportPlatform(doc: Document): Platform {
  const size = (el: HTMLElement) => {
    const box = el.getBoundingClientRect();
    return { width: box.width, height: box.height };
  };
  return {
    getElementRects: ({ reference, floating }) => ({
      reference: rectOf(reference as DOMRect),
      floating: { x: 0, y: 0, ...size(floating as HTMLElement) },
    }),
    getDimensions: size,
    getClippingRect: () => viewportOf(doc),
    // On a right-to-left page the panel inherits the direction (the host's `all: initial`
    // leaves it), and -start / -end mean the name's right / left end, as with the DOM platform.
    isRTL: (el: HTMLElement) => doc.defaultView?.getComputedStyle(el).direction === 'rtl',
  };
}
