import { describe, expect, it } from 'vitest';
import {
  deviceClock,
  deviceClockAt,
  fullYear,
} from '../../../../electron/station/devices/drivers/shared/DeviceClock.js';
import { seededRandom } from '../../../../electron/station/devices/drivers/shared/seededRandom.js';
import { serialBytesPerSecond } from '../../../../electron/station/devices/drivers/shared/serialLineRate.js';

describe('serial line rate', () => {
  it('counts start, data, parity and stop bits per character', () => {
    const line = { dataBits: 8, stopBits: 1, flowControl: 'none' } as const;
    expect(serialBytesPerSecond({ ...line, baudRate: 9600, parity: 'none' })).toBe(960);
    expect(serialBytesPerSecond({ ...line, baudRate: 19200, parity: 'even' })).toBe(1745);
    expect(serialBytesPerSecond({ ...line, baudRate: 115200, parity: 'none' })).toBe(11520);
  });
});

describe('device clocks', () => {
  it('refuses impossible fields and reads two-digit years around 1970', () => {
    const ok = { year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59 };
    expect(deviceClock(ok)).toEqual(ok);
    expect(deviceClock({ ...ok, month: 13 })).toBeNull();
    expect(deviceClock({ ...ok, hour: 24 })).toBeNull();
    expect([fullYear(98), fullYear(24), fullYear(69)]).toEqual([1998, 2024, 2069]);
  });

  it('prints a simulated clock in UTC', () => {
    expect(deviceClockAt(Date.UTC(2024, 11, 31, 23, 0, 5))).toEqual({
      year: 2024,
      month: 12,
      day: 31,
      hour: 23,
      minute: 0,
      second: 5,
    });
  });
});

describe('seededRandom', () => {
  it('repeats for a seed and stays in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(draws);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(43)()).not.toBe(draws[0]);
  });
});
