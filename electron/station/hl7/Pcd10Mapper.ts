/**
 * IHE PCD-10 Infusion Event Data (ORU^R42): one pump event per message — delivery started,
 * stopped or completed — for the one source (channel) it names in MDC_ATTR_EVT_SOURCE. Several of
 * its terms were still "0 = pending" when TF2 Rev 9 was written, so rows are matched on their
 * REFID where the code is 0. The event becomes the channel's Infusion state; its numerics are
 * stored as observations by the PCD-01 mapping like any other device data.
 */
import type { Infusion, InfusionState } from '../../contract/domain.js';
import { Hl7ErrorCode, messageError } from './Hl7Issue.js';
import { containmentPath, type ObservationGroup, type ObxRow } from './ObxRows.js';
import { deviceId } from './Pcd01Mapper.js';

const EVENT_STATES: Record<string, InfusionState> = {
  '197288': 'infusing',
  MDC_EVT_PUMP_DELIV_START: 'infusing',
  MDC_EVT_PUMP_DELIV_STOP: 'stopped',
  MDC_EVT_PUMP_DELIV_COMP: 'complete',
};

const RATE = 157784;
const VTBI = 157884;
const VOLUME_DELIVERED = [157993, 157864];

export function mapInfusionEvents(
  groups: readonly ObservationGroup[],
  bed: string,
  demo: boolean,
): Infusion[] {
  return groups.flatMap((group) => {
    const condition = byRefid(group, 'MDC_ATTR_EVT_COND');
    if (!condition) return [];
    const eventCode = condition.segment.text(5, 1);
    const eventRefid = condition.segment.text(5, 2);
    const state = EVENT_STATES[eventCode] ?? EVENT_STATES[eventRefid];
    if (!state) {
      throw messageError(
        Hl7ErrorCode.tableValueNotFound,
        `PCD-10 event "${eventRefid || eventCode}" is not a pump delivery start, stop or completion`,
        { segment: 'OBX', sequence: condition.sequence, field: 5 },
      );
    }
    const source = containmentPath(byRefid(group, 'MDC_ATTR_EVT_SOURCE')?.segment.text(5) ?? '');
    const inSource = group.rows.filter((row) => isUnder(containmentPath(row.subId), source));
    const number = (codes: number[]): number | null => {
      const row = inSource.find((r) => r.code.mdc !== null && codes.includes(r.code.mdc));
      const value = row ? Number(row.segment.text(5)) : NaN;
      return Number.isFinite(value) ? value : null;
    };
    const label = inSource.find((r) => r.code.refid === 'MDC_DEV_PUMP_SOURCE_CHANNEL_LABEL');
    const drug = inSource.find((r) => r.code.refid === 'MDC_DRUG_NAME_LABEL');
    return [
      {
        bed,
        device: deviceId(condition.equipment),
        channel: label?.segment.text(5) || source.join('.') || '1',
        drug: drug?.segment.text(5) || group.obr.text(4, 2) || null,
        rateMlPerH: number([RATE]),
        vtbiMl: number([VTBI]),
        volumeInfusedMl: number(VOLUME_DELIVERED),
        state,
        time: condition.time.time,
        demo,
      },
    ];
  });
}

function byRefid(group: ObservationGroup, refid: string): ObxRow | undefined {
  return group.rows.find((row) => row.code.refid === refid);
}

function isUnder(path: readonly number[], source: readonly number[]): boolean {
  return source.length > 0 && source.every((level, i) => path[i] === level);
}
