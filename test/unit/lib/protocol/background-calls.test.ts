import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { MAX_GATE_ASK_CHARS, MAX_GATE_PARAGRAPHS } from '../../../../src/lib/gate';
import { protocol, reasonOf } from '../../../../src/lib/protocol/background-calls';

describe('reasonOf', () => {
  it("keeps a failed call's reason and drops the protocol's prefix", () => {
    expect(reasonOf('"highlights/update" failed: Storage is full.')).toBe('Storage is full.');
    // Only the prefix: quotes and "failed:" later in the reason stay.
    expect(reasonOf('"a" failed: "b" failed: x')).toBe('"b" failed: x');
    expect(reasonOf('No handler for "x"')).toBe('No handler for "x"');
    // The transport's prefix too (the background stopped or was being updated).
    expect(reasonOf('"highlights/update": could not reach the background: Receiving end does not exist.')).toBe(
      'could not reach the background: Receiving end does not exist.',
    );
    expect(reasonOf('"x": something else')).toBe('"x": something else');
  });
});

describe('content/awake’s request (what a content script may send from a hostile page)', () => {
  const valid = (payload: unknown) => v.safeParse(protocol['content/awake'].request, payload).success;
  const gate = { headline: 'Syria', lead: '', paragraphs: ['Damascus and Moscow.'] };
  const ask = { url: 'https://news.example/a', canonical: null, gate };

  it('takes the plain ask and the ask with the gate’s input', () => {
    expect(valid({})).toBe(true);
    expect(valid(ask)).toBe(true);
    expect(valid({ ...ask, canonical: '/a' })).toBe(true);
  });

  it('refuses more text or paragraphs than the gate reads, another scheme, unknown fields', () => {
    expect(valid({ ...ask, gate: { ...gate, paragraphs: ['x'.repeat(MAX_GATE_ASK_CHARS)] } })).toBe(false);
    expect(valid({ ...ask, gate: { ...gate, paragraphs: Array(MAX_GATE_PARAGRAPHS + 1).fill('x') } })).toBe(false);
    expect(valid({ ...ask, url: 'file:///etc/passwd' })).toBe(false);
    expect(valid({ ...ask, extra: 1 })).toBe(false);
    expect(valid({ ...ask, gate: { ...gate, paragraphs: [1] } })).toBe(false);
    expect(valid({ url: ask.url })).toBe(false);
  });
});

describe('content/gate’s request (the awake loader asks for the gate’s verdict)', () => {
  const valid = (payload: unknown) => v.safeParse(protocol['content/gate'].request, payload).success;
  const gate = { headline: 'Syria', lead: '', paragraphs: ['Damascus and Moscow.'] };

  it('takes the gate’s input, and refuses more than the gate reads, unknown fields, no input', () => {
    expect(valid({ gate })).toBe(true);
    expect(valid({ gate: { ...gate, paragraphs: ['x'.repeat(MAX_GATE_ASK_CHARS)] } })).toBe(false);
    expect(valid({ gate: { ...gate, paragraphs: Array(MAX_GATE_PARAGRAPHS + 1).fill('x') } })).toBe(false);
    expect(valid({ gate, url: 'https://news.example/a' })).toBe(false);
    expect(valid({ gate: { ...gate, extra: 1 } })).toBe(false);
    expect(valid({})).toBe(false);
  });

  it('is for content scripts only', () => {
    expect(protocol['content/gate'].allow).toEqual(['content-script']);
  });
});
