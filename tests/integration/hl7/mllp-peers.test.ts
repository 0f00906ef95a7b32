/**
 * Independent MLLP peers — Debian python3-hl7's mllp_send (another language and codebase) and
 * @medplum/hl7's client — send the reference's real example messages over loopback to a real
 * station engine. Every message is acknowledged after commit and its data is readable through
 * the contract and in the database; a resent message is stored once.
 */
import { Hl7Message } from '@medplum/core';
import { Hl7Client, ReturnAckCategory } from '@medplum/hl7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  messageText,
  referenceMessages,
  type ReferenceMessage,
} from '../../support/hl7ReferenceMessages.js';
import { mllpSend, startHl7Station, type Hl7Station } from './hl7Station.js';

/** Everything except the accept ACK, which by design gets no answer (never ACK an ACK). */
const SENDABLE: ReferenceMessage[] = Object.values(referenceMessages).filter(
  (m) => !m.segments[0]!.includes('|ACK^'),
);
const controlIdOf = (m: ReferenceMessage): string => m.segments[0]!.split('|')[9]!;

/** The message with another MSH-10. */
function withControlId(m: ReferenceMessage, controlId: string): string {
  const msh = m.segments[0]!.split('|');
  msh[9] = controlId;
  return messageText({ ...m, segments: [msh.join('|'), ...m.segments.slice(1)] });
}

function msaLines(stdout: string): [string, string][] {
  return (
    stdout
      .split(/[\r\n]+/)
      // mllp_send prints the ACKs as received, MLLP framing bytes included.
      .filter((s) => s.includes('MSA|'))
      .map((s) => s.slice(s.indexOf('MSA|')))
      .map((s) => {
        const [, code = '', id = ''] = s.split('|');
        return [code, id];
      })
  );
}

let station: Hl7Station;

beforeAll(async () => {
  station = await startHl7Station();
});

afterAll(async () => {
  await station.stop();
});

describe('python3-hl7 mllp_send → station', () => {
  it('acknowledges every reference example, each after it was committed', async () => {
    const stdout = await mllpSend(station.port, SENDABLE.map(messageText), station.dataDir);
    const acks = msaLines(stdout);
    expect(acks.map(([, id]) => id)).toEqual(SENDABLE.map(controlIdOf));
    // The ADT^A12 sample cancels a transfer this station never saw: AE with the reason.
    const refused = acks.filter(([code]) => code !== 'AA' && code !== 'CA');
    expect(refused).toEqual([['AE', '59910287']]);
    expect(stdout).toContain('there is no A02 to cancel');

    // Acknowledged means on disk: every message row is there.
    const rows = station.query<{ control_id: string; outcome: string }>(
      'SELECT control_id, outcome FROM hl7_messages ORDER BY id',
    );
    expect(rows.map((r) => r.control_id)).toEqual(SENDABLE.map(controlIdOf));
  });

  it('makes the device data readable through the contract', async () => {
    const bed1 = await station.client.call('observations.latest', { bed: 'bed-1' });
    const byCode = new Map(bed1.map((o) => [o.code, o]));
    expect(byCode.get(150456)).toMatchObject({
      value: 99,
      unit: '%',
      device: 'hl7:0600dc750001',
      demo: false,
    });
    expect(byCode.get(150021)).toMatchObject({ value: 117, unit: 'mm[Hg]' });

    const alarms = await station.client.call('alarms.active', {});
    expect(alarms.map((a) => [a.bed, a.code, a.text, a.kind])).toEqual(
      expect.arrayContaining([
        ['bed-1', '196670', 'Low SpO2', 'physiological'],
        ['bed-2', '196940', 'Occlusion', 'technical'],
        ['bed-3', '196916', 'CO2 Sensor unplugged', 'physiological'],
      ]),
    );

    const infusions = await station.client.call('infusions.list', { bed: 'bed-2' });
    expect(infusions).toEqual([
      expect.objectContaining({
        channel: 'Primary',
        drug: 'Dopamine',
        rateMlPerH: 15.4,
        state: 'infusing',
      }),
    ]);

    const census = await station.client.call('census.list', {});
    const bed1Census = census.find((b) => b.bed === 'bed-1');
    expect(bed1Census?.patient).toBeNull();
    expect(bed1Census?.devices.map((d) => [d.device, d.unassociated])).toContainEqual([
      'hl7:0600dc750001',
      true,
    ]);
    // A2's location has no station bed: kept under its own location, not dropped.
    expect(census.find((b) => b.bed === 'hl7:COLWELL^^SOLAR')?.configured).toBe(false);

    const status = await station.client.call('hl7.status', {});
    expect(status).toMatchObject({ state: 'listening', host: '127.0.0.1', tls: false });
    expect(status.counters.errors).toBe(1);
  });

  it('keeps containment, message link and non-numeric rows in the store', () => {
    const spo2 = station.query<{ containment: string; hl7_message_id: number }>(
      'SELECT containment, hl7_message_id FROM observations WHERE code = 150456',
    );
    expect(spo2).toEqual([{ containment: '1.3.1.1', hl7_message_id: 1 }]);
    const rhythm = station.query<{ value: string }>(
      "SELECT value FROM hl7_results WHERE refid = 'MDC_ECG_STAT_RHY'",
    );
    expect(rhythm).toEqual([{ value: 'MDC_ECG_SINUS_RHY' }]);
    // The PCD-03 order is not for a central station, but well-formed: stored, acknowledged.
    const order = station.query<{ outcome: string; message_type: string }>(
      "SELECT outcome, message_type FROM hl7_messages WHERE message_type LIKE 'RGV%'",
    );
    expect(order).toEqual([{ outcome: 'AA', message_type: 'RGV^O15^RGV_O15' }]);
  });
});

describe('@medplum/hl7 client → station', () => {
  it('gets an acknowledgement for every reference example', async () => {
    const client = new Hl7Client({ host: '127.0.0.1', port: station.port });
    try {
      for (const message of SENDABLE) {
        const text = withControlId(message, `MP-${controlIdOf(message)}`);
        // AL/NE (IHE PCD) asks for an accept ACK only; medplum waits for an application ACK
        // unless told to take the first.
        const ack = await client.sendAndWait(Hl7Message.parse(text), {
          timeoutMs: 10_000,
          returnAck: ReturnAckCategory.FIRST,
        });
        const msa = ack.getSegment('MSA');
        expect(msa?.getField(2)?.toString(), message.entry).toBe(`MP-${controlIdOf(message)}`);
        expect(['AA', 'CA', 'AE']).toContain(msa?.getField(1)?.toString());
      }
    } finally {
      await client.close();
    }
  });

  it('acknowledges a resent message AA again but stores it once', async () => {
    const client = new Hl7Client({ host: '127.0.0.1', port: station.port });
    const text = withControlId(referenceMessages.pcd01GeB40, 'RESEND-1');
    try {
      for (let i = 0; i < 3; i++) {
        const ack = await client.sendAndWait(Hl7Message.parse(text), { timeoutMs: 10_000 });
        expect(ack.getSegment('MSA')?.getField(1)?.toString()).toBe('AA');
      }
    } finally {
      await client.close();
    }
    const rows = station.query<{ id: number }>(
      "SELECT id FROM hl7_messages WHERE control_id = 'RESEND-1'",
    );
    expect(rows).toHaveLength(1);
    const observations = station.query<{ n: number }>(
      'SELECT count(*) AS n FROM observations WHERE hl7_message_id = ?',
      rows[0]!.id,
    );
    expect(observations).toEqual([{ n: 4 }]);
    const status = await station.client.call('hl7.status', {});
    expect(status.counters.duplicates).toBe(2);
  });
});
