/**
 * ADT messages → census events. The trigger comes from MSH-9.2 (EVN-1 for old senders that leave
 * it out); the patient from PID-3 (first identifier), PID-5, PID-7, PID-8; the location from
 * PV1-3 and, for transfers, PV1-6. A17 (swap) carries two PID/PV1 pairs.
 */
import { Hl7ErrorCode, messageError } from '../hl7/Hl7Issue.js';
import type { Hl7Message, Hl7Segment } from '../hl7/Hl7Message.js';
import { parseHl7Time } from '../hl7/Hl7Time.js';
import { AdtEventKind, type CensusEvent, type CensusPatient } from './CensusEvent.js';

export function isAdtMessage(message: Hl7Message): boolean {
  return message.messageType.code.toUpperCase() === 'ADT';
}

/** The ADT events this station understands; null for any other trigger (stored, not applied). */
export function adtEventOf(message: Hl7Message, receivedAt: number): CensusEvent | null {
  const trigger = (
    message.messageType.trigger ||
    message.segment('EVN')?.text(1) ||
    ''
  ).toUpperCase();
  const kind = AdtEventKind.safeParse(trigger);
  if (!kind.success) return null;
  const pids = message.segmentsNamed('PID');
  const pv1s = message.segmentsNamed('PV1');
  const first = pids[0];
  if (!first) {
    throw messageError(Hl7ErrorCode.requiredFieldMissing, `ADT^${trigger} has no PID segment`, {
      segment: 'PID',
      sequence: 1,
    });
  }
  const pv1 = pv1s[0];
  const evn = message.segment('EVN');
  const at =
    parseHl7Time(evn?.text(2) ?? '')?.time ??
    parseHl7Time(message.header.text(7))?.time ??
    receivedAt;
  const second = pids[1];
  if (kind.data === 'A17' && !second) {
    throw messageError(
      Hl7ErrorCode.segmentSequence,
      'ADT^A17 (swap patients) needs two PID/PV1 pairs',
      { segment: 'PID', sequence: message.segments.indexOf(first) + 1 },
    );
  }
  return {
    kind: kind.data,
    at,
    patient: patientOf(first, message),
    visit: pv1?.text(19) || null,
    location: pv1 ? locationText(pv1, 3) : null,
    priorLocation: pv1 ? locationText(pv1, 6) : null,
    swappedWith:
      kind.data === 'A17' && second
        ? {
            patient: patientOf(second, message),
            location: pv1s[1] ? locationText(pv1s[1], 3) : null,
          }
        : null,
  };
}

function patientOf(pid: Hl7Segment, message: Hl7Message): CensusPatient {
  const id = pid.text(3, 1);
  if (id === '') {
    throw messageError(Hl7ErrorCode.requiredFieldMissing, 'PID-3 (patient identifier) is empty', {
      segment: 'PID',
      sequence: message.segments.indexOf(pid) + 1,
      field: 3,
    });
  }
  const family = pid.text(5, 1);
  const given = pid.text(5, 2);
  const birth = /^(\d{4})(\d{2})(\d{2})/.exec(pid.text(7));
  return {
    id,
    name: given ? `${family}, ${given}` : family,
    sex: pid.text(8) || null,
    birthDate: birth ? `${birth[1]}-${birth[2]}-${birth[3]}` : null,
  };
}

/** PV1-3/PV1-6 (PL): point of care^room^bed, trailing empties dropped; null when empty. */
export function locationText(segment: Hl7Segment, field: number): string | null {
  const parts = [1, 2, 3].map((c) => segment.text(field, c).trim());
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts.length === 0 ? null : parts.join('^');
}
