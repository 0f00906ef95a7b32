/**
 * Devices that print their alarm state on every line (a bit field, a list of codes) report
 * snapshots; the station wants events. This turns each snapshot into start reports for conditions
 * that appeared and end reports for those that went away. A condition that stays active is not
 * repeated: the alarm registry already holds it.
 */
import type { AlarmKind, AlarmPriority } from '../../../../contract/domain.js';
import type { DecoderContext, DeviceAlarmReport } from '../DeviceDriver.js';

export interface AlarmCondition {
  /** Stable per condition on this device, "<vendor>.<code>". */
  code: string;
  text: string;
  priority: AlarmPriority;
  kind: AlarmKind;
}

export class AlarmSnapshotDiffer {
  private active = new Map<string, AlarmCondition>();

  constructor(private readonly context: DecoderContext) {}

  update(snapshot: readonly AlarmCondition[], time: number): DeviceAlarmReport[] {
    const next = new Map(snapshot.map((c) => [c.code, c]));
    const reports: DeviceAlarmReport[] = [];
    for (const [code, condition] of this.active) {
      if (!next.has(code)) reports.push(this.report(condition, 'end', time));
    }
    for (const [code, condition] of next) {
      if (!this.active.has(code)) reports.push(this.report(condition, 'start', time));
    }
    this.active = next;
    return reports;
  }

  private report(
    condition: AlarmCondition,
    phase: DeviceAlarmReport['phase'],
    time: number,
  ): DeviceAlarmReport {
    return {
      bed: this.context.bed,
      device: this.context.device,
      code: condition.code,
      text: condition.text,
      priority: condition.priority,
      kind: condition.kind,
      phase,
      time,
    };
  }
}
