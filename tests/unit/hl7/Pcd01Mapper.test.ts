/**
 * Device-data meaning, checked against the reference's real example messages (IHE PCD TF2 Rev 9
 * appendix E/M, GE B40 manual, Dräger reference set) and a few crafted variations of them.
 */
import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../../../electron/station/hl7/Hl7Codec.js';
import { Hl7MessageError } from '../../../electron/station/hl7/Hl7Issue.js';
import { readObservationGroups } from '../../../electron/station/hl7/ObxRows.js';
import { mapDeviceData } from '../../../electron/station/hl7/Pcd01Mapper.js';
import { mapAlerts } from '../../../electron/station/hl7/Pcd04Mapper.js';
import { mapInfusionEvents } from '../../../electron/station/hl7/Pcd10Mapper.js';
import {
  messageText,
  referenceMessages,
  type ReferenceMessage,
} from '../../support/hl7ReferenceMessages.js';

const RECEIVED = Date.UTC(2030, 0, 1);

function groupsOf(text: string) {
  return readObservationGroups(decodeMessage(Buffer.from(text, 'latin1')), RECEIVED);
}
const textOf = (m: ReferenceMessage): string => messageText(m);
const mapped = (text: string) => mapDeviceData(groupsOf(text), { bed: 'bed-1' });

describe('PCD-01 → observations', () => {
  const data = mapped(textOf(referenceMessages.pcd01Monitor));
  const byCode = new Map(data.observations.map((o) => [o.observation.code, o]));

  it('keys every numeric OBX on its MDC code, in UCUM, with its OBX-4 containment', () => {
    expect(
      data.observations.map((o) => [o.observation.code, o.observation.value, o.observation.unit]),
    ).toEqual([
      [150021, 117, 'mm[Hg]'],
      [150022, 82, 'mm[Hg]'],
      [150023, 90, 'mm[Hg]'],
      [147842, 80, '{beat}/min'],
      [147232, 360, 'ms'],
      [147236, 416, 'ms'],
      [151562, 30, '{breath}/min'],
      [150456, 99, '%'],
      [150448, 3.9, '1'],
    ]);
    expect(byCode.get(150456)?.containment).toBe('1.3.1.1');
    expect(byCode.get(150021)?.observation.status).toBe('valid');
  });

  it('takes OBX-14 (its offset from MSH-7 when it has none), else OBR-7, as the time', () => {
    expect(byCode.get(150021)?.observation.time).toBe(Date.UTC(2015, 0, 22, 11, 50, 0));
    // No OBX-14: OBR-7 20150122182656, offset inherited from MSH-7 (+0000).
    expect(byCode.get(147842)?.observation.time).toBe(Date.UTC(2015, 0, 22, 18, 26, 56));
  });

  it('names the device by OBX-18 inherited from the nearest device row', () => {
    expect(byCode.get(150021)?.observation.device).toBe('hl7:0600dc750001');
    expect(data.devices).toContain('hl7:e86c094f-f751-4acf-92b2-38f11c1f6f57-Device');
  });

  it('keeps text results (OBX 13 rhythm) as results; device rows only as containment', () => {
    expect(data.results.map((r) => [r.subId, r.code, r.valueType, r.value])).toEqual([
      ['1.2.1.21', '184327', 'ST', 'MDC_ECG_SINUS_RHY'],
    ]);
  });

  it('cross-checks REFIDs: a known code under another REFID is reported, still keyed on the code', () => {
    const text = textOf(referenceMessages.pcd01Monitor).replace(
      '150456^MDC_PULS_OXIM_SAT_O2^MDC',
      '150456^MDC_CO2_ET^MDC',
    );
    const crossed = mapped(text);
    expect(crossed.refidMismatches).toEqual([{ code: 150456, refid: 'MDC_CO2_ET' }]);
    expect(crossed.observations.some((o) => o.observation.code === 150456)).toBe(true);
    // MDC_ECG_CARD_BEAT_RATE is a synonym of MDC_ECG_HEART_RATE: no mismatch.
    expect(data.refidMismatches).toEqual([]);
  });

  it('reads UCUM units, explicit offsets and OBX-18 on metrics (IHE E.1.2)', () => {
    const nibp = mapped(textOf(referenceMessages.pcd01EpisodicNibp)).observations;
    expect(nibp.map((o) => [o.observation.code, o.observation.unit])).toEqual([
      [150021, 'mm[Hg]'],
      [150022, 'mm[Hg]'],
      [150023, 'mm[Hg]'],
      [149546, '{beat}/min'],
    ]);
    expect(nibp[0]?.observation.device).toBe('hl7:080019FFFE3ED02D172.16.172.135');
    expect(nibp[0]?.observation.time).toBe(Date.UTC(2011, 5, 2, 4, 58, 42));
  });

  it('maps the GE B40 invasive pressure block', () => {
    const ge = mapped(textOf(referenceMessages.pcd01GeB40)).observations;
    expect(ge.map((o) => [o.observation.code, o.observation.value])).toEqual([
      [150033, 112],
      [150034, 76],
      [150035, 95],
      [149522, 80],
    ]);
    expect(ge[0]?.observation.device).toBe('hl7:080019FFFE0B4020');
  });

  it('maps Philips MDIL hex codes and units to MDC (0002-4182 = 147842)', () => {
    const text =
      'MSH|^~\\&|EFFICIA|PHILIPS|||20240101120000+0100||ORU^R01|M1|P|2.5\rOBR|1||1|MON|||20240101120000+0100\r' +
      'OBX|1|NM|0002-4182^HR^MDIL|1.1.1.1|72|0004-0aa0^bpm^MDIL|||||R\r' +
      'OBX|2|NM|0002-4bb8^SpO2^MDIL|1.1.1.2|97|0004-0220^%^MDIL|||||R\r' +
      'OBX|3|NM|0002-4182^HR^MDIL|1.1.1.3||0004-0aa0^bpm^MDIL|||||X\r';
    const obs = mapped(text).observations.map((o) => o.observation);
    expect(obs.map((o) => [o.code, o.value, o.unit, o.status])).toEqual([
      [147842, 72, '{beat}/min', 'valid'],
      [150456, 97, '%', 'valid'],
      [147842, null, '{beat}/min', 'invalid'],
    ]);
    expect(obs[0]?.time).toBe(Date.UTC(2024, 0, 1, 11, 0, 0));
  });

  it('marks OBX-8 DEMO data as demo, and OBX-8 status flags as questionable or invalid', () => {
    const text = textOf(referenceMessages.pcd01Monitor)
      .replace(
        '|1.3.1.1|99|262688^MDC_DIM_PERCENT^MDC|90-100|',
        '|1.3.1.1|99|262688^MDC_DIM_PERCENT^MDC|90-100|DEMO',
      )
      .replace(
        '|1.2.1.1|80|264864^MDC_DIM_BEAT_PER_MIN^MDC|50-120|',
        '|1.2.1.1|80|264864^MDC_DIM_BEAT_PER_MIN^MDC|50-120|QUES',
      )
      .replace(
        '|1.2.1.19|30|264928^MDC_DIM_RESP_PER_MIN^MDC|8-45|',
        '|1.2.1.19|30|264928^MDC_DIM_RESP_PER_MIN^MDC|8-45|H~INV',
      );
    const obs = new Map(mapped(text).observations.map((o) => [o.observation.code, o.observation]));
    expect(obs.get(150456)?.demo).toBe(true);
    expect(obs.get(150021)?.demo).toBe(false);
    expect(obs.get(147842)?.status).toBe('questionable');
    expect(obs.get(151562)?.status).toBe('invalid');
  });

  it('refuses an NM value that is not a number with AE pointing at OBX-5', () => {
    const text = textOf(referenceMessages.pcd01Monitor).replace('|1.3.1.1|99|', '|1.3.1.1|9x9|');
    try {
      mapped(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(Hl7MessageError);
      expect((error as Hl7MessageError).issue).toMatchObject({
        ack: 'AE',
        code: 102,
        location: { segment: 'OBX', sequence: 20, field: 5 },
      });
    }
  });

  it('refuses a time that is not a time', () => {
    const text = textOf(referenceMessages.pcd01Monitor).replace(
      '|||20150122115000\rOBX|5',
      '|||2015-01-22\rOBX|5',
    );
    expect(() => mapped(text)).toThrow(/OBX-14 "2015-01-22" is not an HL7 time/);
  });

  it('turns NA and MA arrays (reference A9) into wave segments', () => {
    const head =
      'MSH|^~\\&|MON|W|||20240101120000+0000||ORU^R01|W1|P|2.6\rOBR|1||1|X|||20240101120000+0000\r';
    const na = mapped(
      `${head}OBX|1|NA|131330^MDC_ECG_ELEC_POTL_II^MDC|1.1.1.1|125^34^-22^-234^569^442^-212^6|mV\r`,
    );
    expect(na.waves).toHaveLength(1);
    expect([...na.waves[0]!.samples]).toEqual([125, 34, -22, -234, 569, 442, -212, 6]);
    expect(na.waves[0]).toMatchObject({
      code: 131330,
      sampleRate: 500,
      t0: Date.UTC(2024, 0, 1, 12),
      scale: 1,
    });
    const ma = mapped(
      `${head}OBX|1|MA|150452^MDC_PULS_OXIM_PLETH^MDC|1.1.1.1|0^0^0~1^1^1~2^2^2~3^3^3~4^4^4~5^5^5\r`,
    );
    expect(ma.waves.map((w) => [...w.samples])).toEqual([
      [0, 1, 2, 3, 4, 5],
      [0, 1, 2, 3, 4, 5],
      [0, 1, 2, 3, 4, 5],
    ]);
    expect(ma.waves.map((w) => w.device)).toEqual(['hl7:MON', 'hl7:MON/ch2', 'hl7:MON/ch3']);
    const scaled = mapped(
      `${head}OBX|1|NA|131330^MDC_ECG_ELEC_POTL_II^MDC|1.1.1.1|1.2^-3.5^5.2~2.0^3.1^-6.2|mV\r`,
    );
    const wave = scaled.waves[0]!;
    expect(Array.from(wave.samples, (s) => Number((s * wave.scale).toFixed(2)))).toEqual([
      1.2, -3.5, 5.2, 2, 3.1, -6.2,
    ]);
  });
});

describe('PCD-04 → device alarms', () => {
  it('low SpO2 start (IHE E.3.1): physiological, medium (PM), started', () => {
    const [alarm, ...rest] = mapAlerts(groupsOf(textOf(referenceMessages.pcd04LowSpo2)), 'bed-1');
    expect(rest).toEqual([]);
    expect(alarm).toEqual({
      bed: 'bed-1',
      device: 'hl7:F1519EFX',
      code: '196670',
      text: 'Low SpO2',
      priority: 'medium',
      kind: 'physiological',
      phase: 'start',
      time: Date.UTC(2012, 0, 11, 21, 4, 57),
    });
  });

  it('pump occlusion (IHE E.3.2): the event in the CWE value, technical (ST)', () => {
    const [alarm] = mapAlerts(groupsOf(textOf(referenceMessages.pcd04PumpOcclusion)), 'bed-1');
    expect(alarm).toMatchObject({
      code: '196940',
      text: 'Occlusion',
      kind: 'technical',
      phase: 'start',
      device: 'hl7:P6013',
    });
  });

  it('Dräger reference alarm: priority and type from attribute rows', () => {
    const text = referenceMessages.pcd04Draeger.segments.join('\n');
    const [alarm] = mapAlerts(groupsOf(text), 'bed-1');
    expect(alarm).toMatchObject({
      code: '196916',
      text: 'CO2 Sensor unplugged',
      priority: 'low',
      kind: 'physiological',
    });
  });

  it('end and continue phases', () => {
    const text = textOf(referenceMessages.pcd04LowSpo2);
    expect(mapAlerts(groupsOf(text.replace('|start|', '|end|')), 'b')[0]?.phase).toBe('end');
    expect(mapAlerts(groupsOf(text.replace('|start|', '|continue|')), 'b')[0]?.phase).toBe(
      'continue',
    );
    expect(mapAlerts(groupsOf(text.replace('|active|', '|inactive|')), 'b')[0]?.phase).toBe('end');
  });
});

describe('PCD-10 → infusion events', () => {
  it('delivery start (IHE M.1.2.2): channel, drug, rate, VTBI, volume, infusing', () => {
    const groups = groupsOf(textOf(referenceMessages.pcd10DeliveryStart));
    expect(mapInfusionEvents(groups, 'bed-1', false)).toEqual([
      {
        bed: 'bed-1',
        device: 'hl7:E0002',
        channel: 'Primary',
        drug: 'Dopamine',
        rateMlPerH: 15.4,
        vtbiMl: 250,
        volumeInfusedMl: 0,
        state: 'infusing',
        time: Date.UTC(2015, 9, 15, 18, 21, 6),
        demo: false,
      },
    ]);
    // Code-0 ("pending") rows are kept as results, never keyed on 0.
    const data = mapDeviceData(groups, { bed: 'bed-1' });
    expect(data.observations.some((o) => o.observation.code === 0)).toBe(false);
    expect(
      data.results.some((r) => r.refid === 'MDC_FLOW_FLUID_PUMP_CURRENT' && r.value === '15.4'),
    ).toBe(true);
  });
});
