import { describe, expect, it } from 'vitest';
import { contractSocketUrl } from '../../../renderer/src/connection/contractSocketUrl.js';

describe('contractSocketUrl', () => {
  it('uses the host the page came from, over TLS when the page was', () => {
    expect(contractSocketUrl({ protocol: 'http:', host: '127.0.0.1:4310' })).toBe(
      'ws://127.0.0.1:4310/contract',
    );
    expect(contractSocketUrl({ protocol: 'https:', host: 'station.ward.local' })).toBe(
      'wss://station.ward.local/contract',
    );
  });
});
