/**
 * The wall-clock fields a device prints on its lines. The station parses them (to recognise a
 * line, for logs) but times data by arrival: bedside clocks are set by hand and carry no zone.
 */
export interface DeviceClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Devices print two-digit years; these devices did not exist before 1970. */
export function fullYear(twoDigitYear: number): number {
  return twoDigitYear >= 70 ? 1900 + twoDigitYear : 2000 + twoDigitYear;
}

/** Null for impossible fields (month 13, 25 o'clock), which mean the line is not what it seems. */
export function deviceClock(fields: DeviceClock): DeviceClock | null {
  const { month, day, hour, minute, second } = fields;
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= 31 &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59;
  return valid ? fields : null;
}

/** A simulated device's clock prints UTC, so its output does not depend on the host's zone. */
export function deviceClockAt(ms: number): DeviceClock {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

export function twoDigits(value: number): string {
  return String(value % 100).padStart(2, '0');
}
