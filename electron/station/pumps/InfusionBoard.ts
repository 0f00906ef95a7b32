/**
 * The last reported state of every pump channel, so a newly opened screen sees the pumps at
 * once instead of waiting for the next poll.
 */
import type { Infusion } from '../../contract/domain.js';

export class InfusionBoard {
  private readonly channels = new Map<string, Infusion>();

  /** Returns the channels whose state actually changed. */
  update(infusions: readonly Infusion[]): Infusion[] {
    const changed: Infusion[] = [];
    for (const infusion of infusions) {
      const key = `${infusion.device}|${infusion.channel}`;
      const known = this.channels.get(key);
      this.channels.set(key, infusion);
      if (!known || !sameReport(known, infusion)) changed.push(infusion);
    }
    return changed;
  }

  list(bed?: string): Infusion[] {
    const all = [...this.channels.values()];
    return bed === undefined ? all : all.filter((i) => i.bed === bed);
  }
}

function sameReport(a: Infusion, b: Infusion): boolean {
  return (
    a.bed === b.bed &&
    a.drug === b.drug &&
    a.rateMlPerH === b.rateMlPerH &&
    a.vtbiMl === b.vtbiMl &&
    a.volumeInfusedMl === b.volumeInfusedMl &&
    a.state === b.state
  );
}
