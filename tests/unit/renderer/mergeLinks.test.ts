import { describe, expect, it } from 'vitest';
import { mergeLinks } from '../../../renderer/src/state/mergeLinks.js';
import { link } from './fixtures.js';

describe('mergeLinks', () => {
  it('replaces changed links in place and appends new ones', () => {
    const current = [link({ id: 'a' }), link({ id: 'b' })];
    const merged = mergeLinks(current, [link({ id: 'c' }), link({ id: 'a', state: 'down' })]);
    expect(merged.map((l) => [l.id, l.state])).toEqual([
      ['a', 'down'],
      ['b', 'streaming'],
      ['c', 'streaming'],
    ]);
  });

  it('returns the same list when nothing changed', () => {
    const current = [link()];
    expect(mergeLinks(current, [])).toBe(current);
  });
});
