/**
 * OBX rows of IHE PCD device messages, read the way TF2 §B.8 describes them: grouped under their
 * OBR, placed in the device tree by OBX-4 (MDS.VMD.CHAN.METRIC[.facet]), with OBX-18 equipment
 * and OBX-14 time inherited down that tree, then OBR-7, then MSH-7. A time without an offset
 * takes MSH-7's offset (real devices omit it); a time that is not a time is an error.
 */
import { Hl7ErrorCode, messageError } from './Hl7Issue.js';
import type { Hl7Message, Hl7Segment } from './Hl7Message.js';
import { parseHl7Time, type Hl7Instant } from './Hl7Time.js';
import { DEVICE_PARTITION, mdilToMdc, partitionOf } from './MdcVocabulary.js';

export interface ObxCode {
  id: string;
  refid: string;
  system: string;
  /** The numeric MDC code, when the row is MDC (or MDIL) coded with one; 0 means "pending". */
  mdc: number | null;
}

export interface ObxRow {
  segment: Hl7Segment;
  /** Position of the OBX among all segments (for ERR-2). */
  sequence: number;
  valueType: string;
  code: ObxCode;
  /** OBX-4 as sent. */
  subId: string;
  /** OBX-8, every repetition, upper case. */
  flags: string[];
  /** OBX-11. */
  resultStatus: string;
  /** OBX-18 of this row or the nearest device row above it; else the sending application. */
  equipment: string;
  time: Hl7Instant;
  /** MDS/VMD/channel rows: structure, not measurements. */
  isDeviceRow: boolean;
}

export interface ObservationGroup {
  obr: Hl7Segment;
  rows: ObxRow[];
}

/**
 * @param receivedAt the last resort for a row's time when the message names none at all
 */
export function readObservationGroups(message: Hl7Message, receivedAt: number): ObservationGroup[] {
  const msh = message.header;
  const messageTime = checkedTime(msh.text(7), null, 'MSH', 1, 7);
  const offset = messageTime?.offsetMinutes ?? null;
  const sendingEquipment = msh.text(3, 2) || msh.text(3, 1) || 'unknown-sender';
  const groups: ObservationGroup[] = [];
  let current: {
    group: ObservationGroup;
    obrTime: Hl7Instant | null;
    equipmentAt: Map<string, string>;
    timeAt: Map<string, Hl7Instant>;
  } | null = null;
  message.segments.forEach((segment, index) => {
    const sequence = index + 1;
    if (segment.name === 'OBR') {
      const group = { obr: segment, rows: [] };
      groups.push(group);
      current = {
        group,
        obrTime: checkedTime(segment.text(7), offset, 'OBR', sequence, 7),
        equipmentAt: new Map(),
        timeAt: new Map(),
      };
      return;
    }
    if (segment.name !== 'OBX') return;
    if (!current) {
      throw messageError(Hl7ErrorCode.segmentSequence, 'An OBX comes before any OBR', {
        segment: 'OBX',
        sequence,
      });
    }
    const scope = current;
    const subId = segment.text(4);
    const path = containmentPath(subId);
    const ownEquipment = equipmentOf(segment);
    const ownTime = checkedTime(segment.text(14), offset, 'OBX', sequence, 14);
    if (ownEquipment) scope.equipmentAt.set(path.join('.'), ownEquipment);
    if (ownTime) scope.timeAt.set(path.join('.'), ownTime);
    const ancestors = ancestorKeys(path);
    const code = codeOf(segment);
    const value = segment.raw(5);
    scope.group.rows.push({
      segment,
      sequence,
      valueType: segment.text(2).toUpperCase(),
      code,
      subId,
      flags: segment.repeatedTexts(8).map((f) => f.toUpperCase()),
      resultStatus: segment.text(11).toUpperCase(),
      equipment: ownEquipment ?? firstFound(scope.equipmentAt, ancestors) ?? sendingEquipment,
      time: ownTime ??
        firstFound(scope.timeAt, ancestors) ??
        scope.obrTime ??
        messageTime ?? { time: receivedAt, zone: 'local', offsetMinutes: null },
      isDeviceRow:
        value === '' &&
        (isDeviceSubId(path) || (code.mdc !== null && partitionOf(code.mdc) === DEVICE_PARTITION)),
    });
  });
  return groups;
}

function checkedTime(
  text: string,
  offset: number | null,
  segment: string,
  sequence: number,
  field: number,
): Hl7Instant | null {
  if (text === '') return null;
  const instant = parseHl7Time(text, offset);
  if (!instant) {
    throw messageError(
      Hl7ErrorCode.dataType,
      `${segment}-${field} "${text}" is not an HL7 time (YYYYMMDDHHMMSS[.S][+/-ZZZZ])`,
      { segment, sequence, field },
    );
  }
  return instant;
}

function codeOf(segment: Hl7Segment): ObxCode {
  const id = segment.text(3, 1);
  const refid = segment.text(3, 2);
  const system = segment.text(3, 3).toUpperCase();
  const numeric = /^\d+$/.test(id);
  let mdc: number | null = null;
  if (system === 'MDIL') mdc = mdilToMdc(id);
  // IHE's own examples drop "^MDC" now and then; an MDC_ reference id says what was meant.
  else if (numeric && (system === 'MDC' || (system === '' && /^(MDC_|$)/.test(refid)))) {
    mdc = Number(id);
  }
  return { id, refid, system, mdc };
}

/**
 * OBX-18 is an EI: entity id ^ namespace ^ universal id ^ type, the last three naming who assigned
 * the id. The entity id is the device; the universal id stands in only when it is all there is.
 */
function equipmentOf(segment: Hl7Segment): string | null {
  const id = segment.text(18, 1) || segment.text(18, 3);
  return id === '' ? null : id;
}

/** OBX-4 as numbers with trailing zeros dropped: 1.2.1.0 → [1, 2, 1]; 1.0.0.0 → [1]. */
export function containmentPath(subId: string): number[] {
  const parts = subId.split('.').map((p) => Number(p));
  if (parts.some((p) => !Number.isInteger(p) || p < 0)) return [];
  let end = parts.length;
  while (end > 1 && parts[end - 1] === 0) end--;
  return parts.slice(0, end);
}

function ancestorKeys(path: number[]): string[] {
  const keys: string[] = [];
  for (let n = path.length - 1; n >= 1; n--) {
    keys.push(containmentPath(path.slice(0, n).join('.')).join('.'));
  }
  return keys;
}

function firstFound<T>(map: Map<string, T>, keys: string[]): T | undefined {
  for (const key of keys) {
    const found = map.get(key);
    if (found !== undefined) return found;
  }
  return undefined;
}

function isDeviceSubId(path: number[]): boolean {
  return path.length > 0 && path.length < 4;
}
