/**
 * A simulated B. Braun SpaceStation rack behind its SpaceCom: answers ADMIN:ALIVE, ADMIN:VERSION,
 * MEM:GET and MEM:GETSLOT#xy frames as the specification describes, one block per pump, the next
 * block after each ACK, the last block again after a NAK. Pump values are GENERATED: volumes
 * accumulate in real time at the set rate, and pump 12 follows a script (near end, infusion
 * complete, then KVO). Any pump can be made to occlude.
 */
import type { InfusionState } from '../../../../contract/domain.js';
import type { DeviceSimulator, SimulatorOptions } from '../DeviceDriver.js';
import {
  BCC_DEFAULT_BED_ID,
  BCC_RACK_ADDRESS,
  BccError,
  BccFramer,
  BccRequest,
  encodeBccFrame,
  encodeQuadruples,
  pumpAddress,
  stuffBcc,
  type BccFrame,
  type BccQuadruple,
} from './BccCodec.js';

export interface SimulatedPumpSetup {
  /** Pillar and slot as the rack numbers them, e.g. "11" (pillar 1, bottom slot). */
  channel: string;
  /** GNMODEL: 688… is a Perfusor Space (syringe), 686… an Infusomat Space (volumetric). */
  model: string;
  drug: string | null;
  drugShort: string | null;
  rateMlPerH: number;
  /** null: no volume to be infused is programmed, the pump runs until stopped. */
  vtbiMl: number | null;
  volumeInfusedMl: number;
  /** Syringe size for a Perfusor; null for an Infusomat. */
  syringeMl: number | null;
  /** Rate after the volume to be infused is delivered, when KVO is released. */
  kvoRateMlPerH: number;
}

export interface BBraunBccSimulatorOptions extends SimulatorOptions {
  pumps?: readonly SimulatedPumpSetup[];
  bedId?: string;
  /** Stuffing on the ComDevice's website: then it only understands stuffed requests. */
  characterStuffing?: boolean;
  /** Milliseconds since the epoch; tests pass a clock they move by hand. */
  clock?: () => number;
}

/** The pumps a demo ward shows. Pump 12 is 6 min from the end of its programmed volume. */
export const DEFAULT_RACK: readonly SimulatedPumpSetup[] = [
  {
    channel: '11',
    model: '688F030006',
    drug: 'Noradrenalin 5mg/50ml',
    drugShort: 'Noradren',
    rateMlPerH: 3,
    vtbiMl: null,
    volumeInfusedMl: 12.4,
    syringeMl: 50,
    kvoRateMlPerH: 0.5,
  },
  {
    channel: '12',
    model: '688F030006',
    drug: 'Propofol 1%',
    drugShort: 'Propofol',
    rateMlPerH: 12,
    vtbiMl: 5,
    volumeInfusedMl: 3.8,
    syringeMl: 50,
    kvoRateMlPerH: 1,
  },
  {
    channel: '13',
    model: '686F030006',
    drug: 'NaCl 0.9%',
    drugShort: 'NaCl',
    rateMlPerH: 80,
    vtbiMl: 500,
    volumeInfusedMl: 120,
    syringeMl: null,
    kvoRateMlPerH: 2,
  },
];

const DEFAULT_BED_ID = 'ComSystem';
/** The ComDevice reports seconds since it was switched on; this one has been on a while. */
const UPTIME_AT_START_S = 206;
const PROTOCOL_VERSION = 'V3.30';
/** INRMT saturates at 65535 s. */
const MAX_REMAINING_S = 65_535;
/** The syringe pre-alarm comes this long before the syringe is empty. */
const SYRINGE_PREALARM_S = 180;
/** A syringe is drawn up a little short of its nominal size. */
const SYRINGE_UNDERFILL_ML = 2;
const MS_PER_HOUR = 3_600_000;

type Phase = 'infusing' | 'kvo' | 'paused';

/** One pump's running state; values advance lazily to the time of each request. */
class SimulatedPump {
  phase: Phase = 'infusing';
  volumeInfusedMl: number;
  syringeContentMl: number | null;
  occluded = false;
  /** Latched once the programmed volume is delivered (INA7). */
  complete = false;
  announced = false;

  constructor(readonly setup: SimulatedPumpSetup) {
    this.volumeInfusedMl = setup.volumeInfusedMl;
    this.syringeContentMl =
      setup.syringeMl === null ? null : setup.syringeMl - SYRINGE_UNDERFILL_ML;
  }

  advance(hours: number): void {
    const rate = this.phase === 'kvo' ? this.setup.kvoRateMlPerH : this.setup.rateMlPerH;
    if (this.occluded || this.phase === 'paused' || hours <= 0 || rate <= 0) return;
    let deliver = rate * hours;
    const { vtbiMl } = this.setup;
    if (this.phase === 'infusing' && vtbiMl !== null) {
      const left = vtbiMl - this.volumeInfusedMl;
      if (deliver >= left) {
        // The programmed volume is in: the rest of the interval runs at the KVO rate.
        const kvoHours = hours - left / rate;
        deliver = left + this.setup.kvoRateMlPerH * kvoHours;
        this.complete = true;
        this.phase = 'kvo';
      }
    }
    if (this.syringeContentMl !== null) {
      deliver = Math.min(deliver, this.syringeContentMl);
      this.syringeContentMl -= deliver;
      if (this.syringeContentMl <= 0) this.phase = 'paused';
    }
    this.volumeInfusedMl += deliver;
  }

  /** The state the flags this pump reports stand for. */
  get state(): InfusionState {
    if (this.pumping) return this.phase === 'kvo' ? 'kvo' : 'infusing';
    return this.complete ? 'complete' : 'paused';
  }

  get pumping(): boolean {
    return this.phase !== 'paused' && !this.occluded;
  }

  remainingSeconds(): number {
    const { vtbiMl, rateMlPerH } = this.setup;
    if (vtbiMl === null || rateMlPerH <= 0) return MAX_REMAINING_S;
    if (this.complete) return 0;
    const seconds = ((vtbiMl - this.volumeInfusedMl) / rateMlPerH) * 3600;
    return Math.min(MAX_REMAINING_S, Math.max(0, Math.round(seconds)));
  }

  syringeNearlyEmpty(): boolean {
    if (this.syringeContentMl === null || !this.pumping) return false;
    const rate = this.phase === 'kvo' ? this.setup.kvoRateMlPerH : this.setup.rateMlPerH;
    return (this.syringeContentMl / rate) * 3600 <= SYRINGE_PREALARM_S;
  }
}

/** What the rack last told the station about one pump, as the station should decode it. */
export interface ReportedInfusion {
  channel: string;
  drug: string | null;
  rateMlPerH: number;
  vtbiMl: number | null;
  volumeInfusedMl: number;
  state: InfusionState;
}

const flag = (on: boolean): string => (on ? '1' : '0');

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

export class BBraunBccSimulator implements DeviceSimulator {
  private readonly framer = new BccFramer();
  private readonly pumps: SimulatedPump[];
  private readonly bedId: string;
  private readonly stuffing: boolean;
  private readonly clock: () => number;
  private readonly bootAt: number;
  private lastAdvanceAt: number;
  private write: ((bytes: Uint8Array) => void) | null = null;
  /** Blocks of the current answer still to send, and the one last sent (for a NAK). */
  private queued: Uint8Array[] = [];
  private lastSent: Uint8Array | null = null;
  private readonly reported = new Map<string, ReportedInfusion>();

  constructor(options: BBraunBccSimulatorOptions = {}) {
    this.pumps = (options.pumps ?? DEFAULT_RACK).map((setup) => new SimulatedPump(setup));
    this.bedId = options.bedId ?? DEFAULT_BED_ID;
    this.stuffing = options.characterStuffing ?? false;
    this.clock = options.clock ?? Date.now;
    this.lastAdvanceAt = this.clock();
    this.bootAt = this.lastAdvanceAt - UPTIME_AT_START_S * 1000;
  }

  start(write: (bytes: Uint8Array) => void): void {
    this.write = write;
  }

  stop(): void {
    this.write = null;
    this.queued = [];
  }

  receive(bytes: Uint8Array): void {
    for (const event of this.framer.push(bytes)) {
      if (event.kind === 'ack') this.sendNext();
      else if (event.kind === 'nak') this.resend();
      else if (event.kind === 'corrupt')
        this.answer([this.error(BCC_RACK_ADDRESS, BccError.SYNTAX_OR_CHECKSUM)]);
      else this.request(event.frame);
    }
  }

  /** A blocked line: the pump stops and raises its pressure alarm until cleared. */
  setOcclusion(channel: string, occluded: boolean): void {
    this.advance();
    this.pump(channel).occluded = occluded;
  }

  /** The last values sent for a pump; undefined before its first report. */
  lastReported(channel: string): ReportedInfusion | undefined {
    return this.reported.get(channel);
  }

  private pump(channel: string): SimulatedPump {
    const pump = this.pumps.find((p) => p.setup.channel === channel);
    if (pump === undefined) throw new RangeError(`no simulated pump in slot ${channel}`);
    return pump;
  }

  private request(frame: BccFrame): void {
    // With stuffing on, an unstuffed request cannot be read by the ComDevice.
    if (this.stuffing && frame.stuffed === false) {
      this.answer([this.error(BCC_RACK_ADDRESS, BccError.SYNTAX_OR_CHECKSUM)]);
      return;
    }
    const command = frame.information;
    const greeting = command === BccRequest.ALIVE;
    if (frame.bedId !== this.bedId && !(greeting && frame.bedId === BCC_DEFAULT_BED_ID)) {
      // Only ALIVE may use the default bed id; everything else must use the one it answered.
      this.answer([this.error(BCC_RACK_ADDRESS, BccError.SYNTAX_OR_CHECKSUM)]);
    } else if (greeting) {
      this.answer([[this.record(BCC_RACK_ADDRESS, 'GNACK', '0')]]);
    } else if (command === BccRequest.VERSION) {
      this.answer([[this.record(BCC_RACK_ADDRESS, PROTOCOL_VERSION, null)]]);
    } else if (command === BccRequest.GET_ALL) {
      this.answerAll();
    } else if (command.startsWith(BccRequest.GET_SLOT)) {
      this.answerSlot(command.slice(BccRequest.GET_SLOT.length));
    } else {
      this.answer([this.error(BCC_RACK_ADDRESS, BccError.SYNTAX_OR_CHECKSUM)]);
    }
  }

  private answerAll(): void {
    this.advance();
    if (this.pumps.length === 0) {
      this.answer([this.error(BCC_RACK_ADDRESS, BccError.NO_DATA)]);
      return;
    }
    const blocks = this.pumps.map((pump) => this.pumpRecords(pump));
    const [first, ...rest] = blocks;
    this.answer([[...this.rackRecords(), ...(first ?? [])], ...rest]);
  }

  private answerSlot(channel: string): void {
    this.advance();
    const pump = this.pumps.find((p) => p.setup.channel === channel);
    if (pump === undefined) {
      this.answer([this.error(pumpAddress(channel), BccError.WRONG_ADDRESS)]);
      return;
    }
    this.answer([[...this.rackRecords(), ...this.pumpRecords(pump)]]);
  }

  /** Sends the first block; later ones wait for the station's ACK. */
  private answer(blocks: BccQuadruple[][]): void {
    this.queued = blocks.map((records, i) =>
      this.frame(encodeQuadruples(records), i === blocks.length - 1),
    );
    this.sendNext();
  }

  private sendNext(): void {
    const next = this.queued.shift();
    if (next === undefined) return;
    this.lastSent = next;
    this.write?.(next);
  }

  private resend(): void {
    if (this.lastSent !== null) this.write?.(this.lastSent);
  }

  private frame(information: string, final: boolean): Uint8Array {
    const frame = encodeBccFrame(this.bedId, information, final);
    return this.stuffing ? stuffBcc(frame) : frame;
  }

  private advance(): void {
    const now = this.clock();
    const hours = (now - this.lastAdvanceAt) / MS_PER_HOUR;
    this.lastAdvanceAt = now;
    for (const pump of this.pumps) pump.advance(hours);
  }

  private seconds(): number {
    return Math.floor((this.clock() - this.bootAt) / 1000);
  }

  private record(address: string, parameter: string, value: string | null): BccQuadruple {
    return { time: this.seconds(), address, parameter, value };
  }

  private error(address: string, code: string): BccQuadruple[] {
    return [this.record(address, 'GNERR', code)];
  }

  private rackRecords(): BccQuadruple[] {
    return [
      this.record(BCC_RACK_ADDRESS, 'FMNOR', '1'),
      this.record(BCC_RACK_ADDRESS, 'FMSTAT', '00051'),
      this.record(BCC_RACK_ADDRESS, 'FMDONGLE', 'T'),
      this.record(BCC_RACK_ADDRESS, 'FMBANY', null),
      this.record(BCC_RACK_ADDRESS, 'FMRT', 'FMS1NSNS'),
      this.record(BCC_RACK_ADDRESS, 'FMRSTAT', '00051'),
    ];
  }

  private pumpRecords(pump: SimulatedPump): BccQuadruple[] {
    const { setup } = pump;
    const address = pumpAddress(setup.channel);
    const rate = round(setup.rateMlPerH, 2);
    const volume = round(pump.volumeInfusedMl, 1);
    const vtbi = setup.vtbiMl === null ? null : round(setup.vtbiMl, 1);
    this.reported.set(setup.channel, {
      channel: setup.channel,
      drug: setup.drug,
      rateMlPerH: rate,
      vtbiMl: vtbi,
      volumeInfusedMl: volume,
      state: pump.state,
    });
    // GNNEW only in the first answer after the pump joined the rack, GNMODEL afterwards.
    const identity = pump.announced ? 'GNMODEL' : 'GNNEW';
    pump.announced = true;
    const r = (parameter: string, value: string | null): BccQuadruple =>
      this.record(address, parameter, value);
    return [
      r(identity, setup.model),
      r('INRT', rate.toFixed(2)),
      r('INVTB', vtbi === null ? null : vtbi.toFixed(1)),
      r('INSOL', setup.drug),
      r('INSOLSN', setup.drugShort),
      r('INVOLACT', pump.syringeContentMl === null ? null : pump.syringeContentMl.toFixed(2)),
      r('INRMT', String(pump.remainingSeconds())),
      r('INVI', volume.toFixed(1)),
      r('INSYR', setup.syringeMl === null ? null : String(setup.syringeMl)),
      r('DSSTATUS', '00051'),
      r('INM1', flag(!pump.pumping)),
      r('INM2', '0'),
      r('INM3', flag(pump.pumping)),
      r('INM6', '0'),
      r('INM8', '1'),
      r('INM10', flag(pump.phase === 'kvo' && pump.pumping)),
      r('INA1', '0'),
      r('INA2', flag(pump.syringeContentMl !== null && pump.syringeContentMl <= 0)),
      r('INA3', flag(pump.occluded)),
      r('INA7', flag(pump.complete)),
      r('INA11', '0'),
      r('INA12', flag(pump.syringeNearlyEmpty())),
      r('INA15', '0'),
    ];
  }
}
