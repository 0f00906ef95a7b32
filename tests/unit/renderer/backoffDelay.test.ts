import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../renderer/src/connection/backoffDelay.js';

describe('backoffDelay', () => {
  it('starts at half a second, doubles, and stops at five seconds', () => {
    expect([0, 1, 2, 3, 4, 5, 50].map(backoffDelay)).toEqual([
      500, 1000, 2000, 4000, 5000, 5000, 5000,
    ]);
  });
});
