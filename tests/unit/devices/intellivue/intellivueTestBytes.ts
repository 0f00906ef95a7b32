/**
 * Test data for the IntelliVue driver. Two kinds, always said which:
 * - REAL: bytes of resources/recordings/intellivue-mib/MPRawoutput1.raw (a monitor's output).
 * - HAND-BUILT: messages assembled here, field by field, from the layouts in
 *   electron/station/devices/drivers/intellivue/PROTOCOL.md (Philips Data Export Interface
 *   Programming Guide); they exercise what the capture lacks (alarms, states, losses).
 */
import { readFileSync } from 'node:fs';
import { IntelliVueFramer } from '../../../../electron/station/devices/drivers/intellivue/IntelliVueFraming.js';

export const CAPTURE = new Uint8Array(
  readFileSync(
    new URL('../../../../resources/recordings/intellivue-mib/MPRawoutput1.raw', import.meta.url),
  ),
);

/**
 * REAL: the wire bytes (C0 … C1) of each whole frame of the capture, in order. The log ends
 * 29 bytes into one more frame, which is left out.
 */
export function captureWireFrames(): Uint8Array[] {
  const frames: Uint8Array[] = [];
  let start = CAPTURE.indexOf(0xc0);
  let end = CAPTURE.indexOf(0xc1, start);
  while (start >= 0 && end >= 0) {
    frames.push(CAPTURE.subarray(start, end + 1));
    start = CAPTURE.indexOf(0xc0, end);
    end = CAPTURE.indexOf(0xc1, start);
  }
  return frames;
}

/** The user data of one whole frame (C0 … C1). */
export function userDataOf(wire: Uint8Array): Uint8Array {
  const [userData] = new IntelliVueFramer().push(wire);
  if (!userData) throw new Error('not a good frame');
  return userData;
}

export function u16(n: number): number[] {
  return [(n >> 8) & 0xff, n & 0xff];
}

export function u32(n: number): number[] {
  return [...u16(Math.floor(n / 0x10000) & 0xffff), ...u16(n & 0xffff)];
}

/** An attribute: id, length, value. */
export function ava(id: number, value: number[]): number[] {
  return [...u16(id), ...u16(value.length), ...value];
}

/** A counted list: count, byte length, items. */
export function list(items: number[][]): number[] {
  const body = items.flat();
  return [...u16(items.length), ...u16(body.length), ...body];
}

/** NuObsValue: physio id, MeasurementState, unit code, FLOAT. */
export function numericValue(
  physioId: number,
  state: number,
  unit: number,
  float: number,
): number[] {
  return [...u16(physioId), ...u16(state), ...u16(unit), ...u32(float)];
}

/** SaObsValue: physio id, MeasurementState, samples (u16 each). */
export function sampleArray(physioId: number, state: number, samples: number[]): number[] {
  return [...u16(physioId), ...u16(state), ...u16(samples.length * 2), ...samples.flatMap(u16)];
}

export interface HandBuiltObservation {
  handle: number;
  attributes: number[][];
}

export interface HandBuiltPoll {
  relativeTime: number;
  objectClass: number;
  observations: HandBuiltObservation[];
  invokeId?: number;
  pollNumber?: number;
  attributeGroup?: number;
}

/**
 * HAND-BUILT: an extended poll result (RORS, CMD_CONFIRMED_ACTION, NOM_ACT_POLL_MDIB_DATA_EXT)
 * with one context: E1 00 00 02 | RO type, length | invoke id, command, length | MDS object |
 * action type, length | poll no., seq no., RelativeTime, AbsoluteTime, object type, group,
 * PollInfoList.
 */
export function pollResult(poll: HandBuiltPoll): Uint8Array {
  const observations = poll.observations.map((o) => [...u16(o.handle), ...list(o.attributes)]);
  const context = [...u16(0), ...list(observations)];
  const reply = [
    ...u16(poll.pollNumber ?? 1),
    ...u16(0),
    ...u32(poll.relativeTime),
    ...Array<number>(8).fill(0xff),
    ...u16(1),
    ...u16(poll.objectClass),
    ...u16(poll.attributeGroup ?? 0),
    ...list([context]),
  ];
  const args = [0x00, 0x21, 0, 0, 0, 0, ...u16(0xf13b), ...u16(reply.length), ...reply];
  const operation = [...u16(poll.invokeId ?? 1), ...u16(7), ...u16(args.length), ...args];
  return Uint8Array.from([
    0xe1,
    0x00,
    0x00,
    0x02,
    ...u16(2),
    ...u16(operation.length),
    ...operation,
  ]);
}

/** HAND-BUILT: the monitor's MDS Create event report (ROIV, confirmed event report), no attributes. */
export function mdsCreateEvent(invokeId: number, eventTime: number): Uint8Array {
  const info = [0x00, 0x21, 0, 0, 0, 0, ...list([])];
  const args = [
    0x00,
    0x21,
    0,
    0,
    0,
    0,
    ...u32(eventTime),
    ...u16(0x0d06),
    ...u16(info.length),
    ...info,
  ];
  const operation = [...u16(invokeId), ...u16(1), ...u16(args.length), ...args];
  return Uint8Array.from([
    0xe1,
    0x00,
    0x00,
    0x02,
    ...u16(1),
    ...u16(operation.length),
    ...operation,
  ]);
}

/** A bit-by-bit PPP FCS-16 (RFC 1662 §C.1 definition), independent of the driver's table. */
export function referenceFcs(bytes: readonly number[]): number {
  let fcs = 0xffff;
  for (const byte of bytes) {
    fcs ^= byte;
    for (let bit = 0; bit < 8; bit++) fcs = fcs & 1 ? (fcs >>> 1) ^ 0x8408 : fcs >>> 1;
  }
  return ~fcs & 0xffff;
}

/**
 * HAND-BUILT: a frame assembled without the driver's encoder: C0, transparent(11 01 length,
 * data, FCS low, FCS high), C1.
 */
export function handFrame(userData: readonly number[]): Uint8Array {
  const content = [0x11, 0x01, ...u16(userData.length), ...userData];
  const fcs = referenceFcs(content);
  content.push(fcs & 0xff, fcs >> 8);
  const stuffed = content.flatMap((b) =>
    b === 0xc0 || b === 0xc1 || b === 0x7d ? [0x7d, b ^ 0x20] : [b],
  );
  return Uint8Array.from([0xc0, ...stuffed, 0xc1]);
}
