import { describe, expect, it } from 'vitest';
import { LinePacer } from '../../../../electron/station/devices/drivers/shared/LinePacer.js';

function pacer(bytesPerSecond: number) {
  let now = 0;
  const written: Uint8Array[] = [];
  const p = new LinePacer(
    bytesPerSecond,
    (b) => written.push(b),
    () => now,
  );
  return {
    p,
    written,
    at: (ms: number) => {
      now = ms;
      p.flush();
    },
    total: () => written.reduce((n, w) => n + w.length, 0),
  };
}

describe('LinePacer', () => {
  it('lets bytes out no faster than the line rate, in order', () => {
    const { p, written, at, total } = pacer(1000);
    p.enqueue(Uint8Array.from({ length: 250 }, (_, i) => i));
    at(40);
    expect(total()).toBe(40);
    at(100);
    expect(total()).toBe(100);
    at(1000);
    expect(total()).toBe(250);
    expect(written.flatMap((w) => [...w])).toEqual(Array.from({ length: 250 }, (_, i) => i));
  });

  it('does not bank the time the line was idle', () => {
    const { p, at, total } = pacer(1000);
    at(5_000);
    p.enqueue(new Uint8Array(100));
    at(5_010);
    expect(total()).toBe(10);
    expect(p.pending).toBe(90);
  });

  it('carries fractions of a byte over to the next flush', () => {
    const { p, at, total } = pacer(960);
    p.enqueue(new Uint8Array(100));
    for (let t = 1; t <= 100; t++) at(t);
    expect(total()).toBe(96);
  });

  it('drops what is waiting on clear', () => {
    const { p, at, total } = pacer(1000);
    p.enqueue(new Uint8Array(100));
    p.clear();
    at(1000);
    expect(total()).toBe(0);
  });
});
