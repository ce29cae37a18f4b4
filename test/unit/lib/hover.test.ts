import { describe, expect, it, vi } from 'vitest';
import { HOVER_HIDE_GRACE_MS, HOVER_SHOW_DELAY_MS, HoverIntent } from '../../../src/lib/hover';

function setup() {
  vi.useFakeTimers();
  const events: string[] = [];
  const intent = new HoverIntent<string>(
    { show: (t) => events.push(`show ${t}`), hide: () => events.push('hide') },
    { set: (fn, ms) => setTimeout(fn, ms) as unknown as number, clear: (id) => clearTimeout(id) },
  );
  return { intent, events };
}

describe('hover intent', () => {
  it('shows only after the dwell, not when the pointer crosses a name', () => {
    const { intent, events } = setup();
    intent.pointerOver('Putin');
    vi.advanceTimersByTime(HOVER_SHOW_DELAY_MS - 1);
    intent.pointerOver(null);
    vi.advanceTimersByTime(1000);
    expect(events).toEqual([]);
    intent.pointerOver('Putin');
    vi.advanceTimersByTime(HOVER_SHOW_DELAY_MS);
    expect(events).toEqual(['show Putin']);
  });

  it('keeps the card while the pointer travels into it, hides after the grace period', () => {
    const { intent, events } = setup();
    intent.showNow('Moscow');
    intent.pointerOver(null);
    vi.advanceTimersByTime(HOVER_HIDE_GRACE_MS - 10);
    intent.pointerEnterCard();
    vi.advanceTimersByTime(5000);
    expect(events).toEqual(['show Moscow']);
    intent.pointerLeaveCard();
    vi.advanceTimersByTime(HOVER_HIDE_GRACE_MS);
    expect(events).toEqual(['show Moscow', 'hide']);
  });

  it('switches quickly from one name to another while a card is open', () => {
    const { intent, events } = setup();
    intent.showNow('Moscow');
    intent.pointerOver('Tartus');
    vi.advanceTimersByTime(150);
    expect(events).toEqual(['show Moscow', 'show Tartus']);
  });

  it('closes at once on request', () => {
    const { intent, events } = setup();
    intent.showNow('HTS');
    intent.hideNow();
    intent.hideNow();
    expect(events).toEqual(['show HTS', 'hide']);
    expect(intent.current).toBeNull();
  });
});
