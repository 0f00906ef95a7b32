/**
 * HL7 TS/DTM times: YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]. IHE PCD requires the offset
 * but real devices (and IHE's own examples) leave it off OBX-14, so a time without one takes the
 * offset of the message's MSH-7 and, failing that, the station's own time zone; the caller is
 * told which, so the guess can be logged.
 */

export interface Hl7Instant {
  /** ms since the Unix epoch. */
  time: number;
  /** explicit: the value carried its offset; inherited: MSH-7's; local: the station's zone. */
  zone: 'explicit' | 'inherited' | 'local';
  /** Minutes east of UTC, when known; what a time without an offset inherits. */
  offsetMinutes: number | null;
}

const TS =
  /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.(\d{1,4}))?(?:([+-])(\d{2})(\d{2}))?$/;

/**
 * @param text the TS value (its first component)
 * @param inheritedOffset minutes east of UTC to use when the value has none (MSH-7's)
 * @returns null when the text is empty or not a TS
 */
export function parseHl7Time(
  text: string,
  inheritedOffset: number | null = null,
): Hl7Instant | null {
  const match = TS.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, frac, sign, zh, zm] = match;
  const year = Number(y);
  const month = mo === undefined ? 1 : Number(mo);
  const day = d === undefined ? 1 : Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const ms = frac === undefined ? 0 : Math.round(Number(`0.${frac}`) * 1000);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  const wallClockAsUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls 31 February over into March; a real TS never does.
  if (new Date(wallClockAsUtc).getUTCDate() !== day) return null;
  if (sign !== undefined && zh !== undefined && zm !== undefined) {
    const offset = (sign === '-' ? -1 : 1) * (Number(zh) * 60 + Number(zm));
    // -0000 is the standard's "offset unknown": treat it as if there were none.
    if (!(sign === '-' && offset === 0)) {
      return { time: wallClockAsUtc - offset * 60_000, zone: 'explicit', offsetMinutes: offset };
    }
  }
  if (inheritedOffset !== null) {
    return {
      time: wallClockAsUtc - inheritedOffset * 60_000,
      zone: 'inherited',
      offsetMinutes: inheritedOffset,
    };
  }
  const local = new Date(year, month - 1, day, hour, minute, second, ms).getTime();
  return { time: local, zone: 'local', offsetMinutes: null };
}

/** YYYYMMDDHHMMSS.SSS+0000, in UTC as IHE PCD prefers. */
export function formatHl7Time(ms: number): string {
  const t = new Date(ms);
  return (
    `${t.getUTCFullYear()}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}` +
    `${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}${pad(t.getUTCSeconds())}` +
    `.${pad(t.getUTCMilliseconds(), 3)}+0000`
  );
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}
