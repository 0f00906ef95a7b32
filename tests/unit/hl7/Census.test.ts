/**
 * The census as an ADT event log: each event read from a real-shaped ADT message, cancels undo
 * exactly the event they cancel, whatever came after it.
 */
import { describe, expect, it } from 'vitest';
import { adtEventOf } from '../../../electron/station/census/AdtMapper.js';
import { BedLocations } from '../../../electron/station/census/BedLocations.js';
import { Census } from '../../../electron/station/census/Census.js';
import type { CensusEvent } from '../../../electron/station/census/CensusEvent.js';
import { decodeMessage } from '../../../electron/station/hl7/Hl7Codec.js';
import { messageText, referenceMessages } from '../../support/hl7ReferenceMessages.js';

const locations = new BedLocations({
  beds: [
    { id: 'bed-1', label: 'Bed 1' },
    { id: 'bed-2', label: 'Bed 2' },
    { id: 'bed-3', label: 'Bed 3' },
  ],
  locations: [
    { location: 'ICU^101^A', bed: 'bed-1' },
    { location: 'ICU^102^A', bed: 'bed-2' },
  ],
});

let sequence = 0;
function adt(
  trigger: string,
  patient: string,
  location: string,
  options: { prior?: string; name?: string; visit?: string; second?: [string, string] } = {},
): CensusEvent {
  const segments = [
    `MSH|^~\\&|ADT|HOSP|CS|WARD|2024010112${String(sequence++ % 60).padStart(2, '0')}00+0000||ADT^${trigger}|C${sequence}|P|2.5`,
    `EVN|${trigger}|2024010112${String(sequence % 60).padStart(2, '0')}00+0000`,
    `PID|||${patient}^^^HOSP^MR||${options.name ?? 'Doe^Jane'}||19700102|F`,
    `PV1||I|${location}|||${options.prior ?? ''}|||||||||||||${options.visit ?? ''}`,
  ];
  if (options.second) {
    segments.push(
      `PID|||${options.second[0]}^^^HOSP^MR||Roe^Rick||19600101|M`,
      `PV1||I|${options.second[1]}`,
    );
  }
  const event = adtEventOf(decodeMessage(Buffer.from(segments.join('\r') + '\r')), 0);
  if (!event) throw new Error('not an ADT event');
  return event;
}

function occupants(census: Census): Record<string, string> {
  return Object.fromEntries(
    [...census.occupancy()].map(([bed, o]) => [bed, `${o.patient.id} ${o.patient.name}`]),
  );
}

describe('ADT messages → census events', () => {
  it('reads trigger, patient, location and visit (HAPI ADT^A03)', () => {
    const event = adtEventOf(
      decodeMessage(Buffer.from(messageText(referenceMessages.adtA03Hapi))),
      0,
    );
    expect(event).toMatchObject({
      kind: 'A03',
      patient: { id: '5520255', name: 'ZZZ, ZZZ', sex: 'F', birthDate: '1983-08-24' },
      location: '6402DH',
      visit: '2008003369',
      at: new Date(2008, 2, 5, 15, 9).getTime(),
    });
  });

  it('reads the published ADT^A12 sample with its prior location', () => {
    const event = adtEventOf(decodeMessage(Buffer.from(messageText(referenceMessages.adtA12))), 0);
    expect(event).toMatchObject({
      kind: 'A12',
      location: 'IN1^214^1',
      priorLocation: 'PREOP^101',
      visit: '40007716',
    });
  });
});

describe('census event log', () => {
  it('admits, transfers and discharges', () => {
    const census = new Census((l) => locations.bedOf(l));
    census.apply(adt('A01', 'P1', 'ICU^101^A'));
    expect(occupants(census)).toEqual({ 'bed-1': 'P1 Doe, Jane' });
    census.apply(adt('A02', 'P1', 'ICU^102^A', { prior: 'ICU^101^A' }));
    expect(occupants(census)).toEqual({ 'bed-2': 'P1 Doe, Jane' });
    expect(census.bedOfPatient('P1')).toBe('bed-2');
    census.apply(adt('A03', 'P1', 'ICU^102^A'));
    expect(occupants(census)).toEqual({});
  });

  it('A04 registers like an admit; a bed label in PV1-3 finds the bed without a map entry', () => {
    const census = new Census((l) => locations.bedOf(l));
    census.apply(adt('A04', 'P9', 'ICU^^Bed 3'));
    expect(occupants(census)).toEqual({ 'bed-3': 'P9 Doe, Jane' });
  });

  it('A12 undoes exactly the transfer: back to the old bed, keeping a later A08 rename', () => {
    const census = new Census((l) => locations.bedOf(l));
    census.apply(adt('A01', 'P1', 'ICU^101^A'));
    census.apply(adt('A02', 'P1', 'ICU^102^A', { prior: 'ICU^101^A' }));
    census.apply(adt('A08', 'P1', 'ICU^102^A', { name: 'Doe^Janet' }));
    census.apply(adt('A12', 'P1', 'ICU^101^A', { prior: 'ICU^102^A' }));
    expect(occupants(census)).toEqual({ 'bed-1': 'P1 Doe, Janet' });
  });

  it('A11 cancels the admission; A13 cancels the discharge', () => {
    const census = new Census((l) => locations.bedOf(l));
    census.apply(adt('A01', 'P1', 'ICU^101^A'));
    census.apply(adt('A01', 'P2', 'ICU^102^A'));
    census.apply(adt('A11', 'P1', 'ICU^101^A'));
    expect(occupants(census)).toEqual({ 'bed-2': 'P2 Doe, Jane' });
    census.apply(adt('A03', 'P2', 'ICU^102^A'));
    expect(occupants(census)).toEqual({});
    census.apply(adt('A13', 'P2', 'ICU^102^A'));
    expect(occupants(census)).toEqual({ 'bed-2': 'P2 Doe, Jane' });
  });

  it('a cancel targets the latest uncancelled event of that patient and visit only', () => {
    const census = new Census((l) => locations.bedOf(l));
    census.apply(adt('A01', 'P1', 'ICU^101^A', { visit: 'V1' }));
    census.apply(adt('A02', 'P1', 'ICU^102^A', { visit: 'V1' }));
    census.apply(adt('A02', 'P1', 'ICU^^Bed 3', { visit: 'V1' }));
    census.apply(adt('A12', 'P1', 'ICU^102^A', { visit: 'V1' }));
    expect(occupants(census)).toEqual({ 'bed-2': 'P1 Doe, Jane' });
    census.apply(adt('A12', 'P1', 'ICU^101^A', { visit: 'V1' }));
    expect(occupants(census)).toEqual({ 'bed-1': 'P1 Doe, Jane' });
    expect(census.refusal(adt('A12', 'P1', 'ICU^101^A', { visit: 'V1' }))).toMatch(
      /no A02 to cancel/,
    );
    expect(census.refusal(adt('A11', 'P1', 'ICU^101^A', { visit: 'V2' }))).toMatch(
      /no A01\/A04 to cancel/,
    );
  });

  it('A17 swaps two patients between their beds', () => {
    const census = new Census((l) => locations.bedOf(l));
    census.apply(adt('A01', 'P1', 'ICU^101^A'));
    census.apply(adt('A01', 'P2', 'ICU^102^A'));
    census.apply(adt('A17', 'P1', 'ICU^102^A', { second: ['P2', 'ICU^101^A'] }));
    expect(occupants(census)).toEqual({ 'bed-2': 'P1 Doe, Jane', 'bed-1': 'P2 Roe, Rick' });
  });

  it('a second patient placed in an occupied bed displaces the first', () => {
    const census = new Census((l) => locations.bedOf(l));
    census.apply(adt('A01', 'P1', 'ICU^101^A'));
    census.apply(adt('A01', 'P2', 'ICU^101^A'));
    expect(occupants(census)).toEqual({ 'bed-1': 'P2 Doe, Jane' });
    expect(census.bedOfPatient('P1')).toBeNull();
  });

  it('keeps a location the station has no bed for under its own text', () => {
    const census = new Census((l) => locations.bedOf(l));
    census.apply(adt('A01', 'P1', 'OR^1^X'));
    expect(occupants(census)).toEqual({ 'OR^1^X': 'P1 Doe, Jane' });
  });
});
