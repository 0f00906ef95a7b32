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
  const times = new TimeReader();
  const messageTime = times.read(msh.text(7), null, 'MSH', 1, 7);
  const offset = messageTime?.offsetMinutes ?? null;
  const fallbackTime = messageTime ?? { time: receivedAt, zone: 'local', offsetMinutes: null };
  const sendingEquipment = msh.text(3, 2) || msh.text(3, 1) || 'unknown-sender';
  const groups: ObservationGroup[] = [];
  let scope: {
    group: ObservationGroup;
    obrTime: Hl7Instant | null;
    equipmentAt: Map<string, string>;
    timeAt: Map<string, Hl7Instant>;
  } | null = null;
  const segments = message.segments;
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    const sequence = index + 1;
    if (segment.name === 'OBR') {
      const group = { obr: segment, rows: [] };
      groups.push(group);
      scope = {
        group,
        obrTime: times.read(segment.text(7), offset, 'OBR', sequence, 7),
        equipmentAt: new Map(),
        timeAt: new Map(),
      };
      continue;
    }
    if (segment.name !== 'OBX') continue;
    if (!scope) {
      throw messageError(Hl7ErrorCode.segmentSequence, 'An OBX comes before any OBR', {
        segment: 'OBX',
        sequence,
      });
    }
    const subId = segment.text(4);
    const key = containmentKey(subId);
    const ownEquipment = equipmentOf(segment);
    const ownTime = times.read(segment.text(14), offset, 'OBX', sequence, 14);
    if (ownEquipment) scope.equipmentAt.set(key, ownEquipment);
    if (ownTime) scope.timeAt.set(key, ownTime);
    const code = codeOf(segment);
    const flags = segment.raw(8);
    scope.group.rows.push({
      segment,
      sequence,
      valueType: segment.text(2).toUpperCase(),
      code,
      subId,
      flags: flags === '' ? [] : segment.repeatedTexts(8).map((f) => f.toUpperCase()),
      resultStatus: segment.text(11).toUpperCase(),
      equipment: ownEquipment ?? inherited(scope.equipmentAt, key) ?? sendingEquipment,
      time: ownTime ?? inherited(scope.timeAt, key) ?? scope.obrTime ?? fallbackTime,
      isDeviceRow:
        segment.raw(5) === '' &&
        (isDeviceKey(key) || (code.mdc !== null && partitionOf(code.mdc) === DEVICE_PARTITION)),
    });
  }
  return groups;
}

/** Parses each distinct time text of a message once: devices stamp many rows alike. */
class TimeReader {
  private readonly seen = new Map<string, Hl7Instant>();

  read(
    text: string,
    offset: number | null,
    segment: string,
    sequence: number,
    field: number,
  ): Hl7Instant | null {
    if (text === '') return null;
    const known = this.seen.get(text);
    if (known) return known;
    const instant = parseHl7Time(text, offset);
    if (!instant) {
      throw messageError(
        Hl7ErrorCode.dataType,
        `${segment}-${field} "${text}" is not an HL7 time (YYYYMMDDHHMMSS[.S][+/-ZZZZ])`,
        { segment, sequence, field },
      );
    }
    this.seen.set(text, instant);
    return instant;
  }
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
  const key = containmentKey(subId);
  return key === '' ? [] : key.split('.').map(Number);
}

/**
 * OBX-4 with trailing zero levels dropped, as text: 1.2.1.0 → "1.2.1", 1.0.0.0 → "1"; '' when
 * OBX-4 is not a dotted number.
 */
function containmentKey(subId: string): string {
  if (!DOTTED.test(subId)) return '';
  let key = subId;
  while (key.endsWith('.0')) key = key.slice(0, -2);
  return key;
}

const DOTTED = /^\d+(\.\d+)*$/;

/** The value set on the nearest device row above this one (1.2.1.3 → 1.2.1, 1.2, 1). */
function inherited<T>(map: Map<string, T>, key: string): T | undefined {
  if (map.size === 0) return undefined;
  for (let end = key.lastIndexOf('.'); end > 0; end = key.lastIndexOf('.', end - 1)) {
    let ancestor = key.slice(0, end);
    while (ancestor.endsWith('.0')) ancestor = ancestor.slice(0, -2);
    const found = map.get(ancestor);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** MDS, VMD and channel rows sit above the metric level (fewer than four levels). */
function isDeviceKey(key: string): boolean {
  if (key === '') return false;
  let dots = 0;
  for (let i = key.indexOf('.'); i >= 0; i = key.indexOf('.', i + 1)) dots++;
  return dots < 3;
}
