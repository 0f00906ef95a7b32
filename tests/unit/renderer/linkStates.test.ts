import { describe, expect, it } from 'vitest';
import { isDeviceLive, worstLinkState } from '../../../renderer/src/links/linkStates.js';
import { link } from './fixtures.js';

describe('worstLinkState', () => {
  it('reads a bed by its worst link, and null without links', () => {
    expect(worstLinkState([])).toBeNull();
    expect(worstLinkState([link({ state: 'streaming' })])).toBe('streaming');
    expect(
      worstLinkState([
        link({ id: 'a', state: 'streaming' }),
        link({ id: 'b', state: 'down' }),
        link({ id: 'c', state: 'stale' }),
      ]),
    ).toBe('down');
    expect(
      worstLinkState([link({ id: 'a', state: 'stale' }), link({ id: 'b', state: 'connecting' })]),
    ).toBe('stale');
  });
});

describe('isDeviceLive', () => {
  it('follows the link the device came over', () => {
    const links = [link({ id: 'bed-1-spo2', state: 'stale' }), link({ id: 'bed-1-pump' })];
    expect(isDeviceLive('bed-1-spo2', links)).toBe(false);
    expect(isDeviceLive('bed-1-pump', links)).toBe(true);
  });

  it('takes the longest link id the device name starts with', () => {
    const links = [
      link({ id: 'bed-1', state: 'down' }),
      link({ id: 'bed-1-spo2', state: 'streaming' }),
    ];
    expect(isDeviceLive('bed-1-spo2/NONIN-1234', links)).toBe(true);
  });

  it('falls back to the bed: live if any link streams, or if the bed has no links', () => {
    expect(isDeviceLive('hl7:monitor-7', [])).toBe(true);
    expect(isDeviceLive('serial-9', [link({ id: 'x', state: 'streaming' })])).toBe(true);
    expect(isDeviceLive('serial-9', [link({ id: 'x', state: 'down' })])).toBe(false);
  });
});
