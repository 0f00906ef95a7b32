/**
 * The station side of a BCC session with a B. Braun SpaceCom / ComDevice: ADMIN:ALIVE to learn
 * the bed id, then MEM:GET every 5 s, each answer block ACKed (the next block only comes after
 * the ACK). Every pump block becomes an Infusion; its alarm flags are diffed against the
 * previous poll into start / continue / end.
 */
import type { Infusion } from '../../../../contract/domain.js';
import type {
  DecodedBatch,
  DecoderContext,
  DecoderCounters,
  DeviceAlarmReport,
  DeviceDecoder,
  DeviceIo,
} from '../DeviceDriver.js';
import {
  BCC_DEFAULT_BED_ID,
  BCC_RACK_ADDRESS,
  BccControl,
  BccError,
  BccFramer,
  BccRequest,
  encodeBccFrame,
  parseQuadruples,
  pumpChannel,
  stuffBcc,
  type BccFrame,
  type BccQuadruple,
} from './BccCodec.js';
import {
  activeConditions,
  drugName,
  numberValue,
  pumpState,
  type BccAlarmCondition,
} from './BccPumpStatus.js';

/** The specification asks for at least 5 s between polls. */
export const BCC_POLL_INTERVAL_MS = 5_000;
/** "Before requesting new information with MEM:GET implement a wait state of minimum 0,5 s." */
const FIRST_POLL_DELAY_MS = 500;
/** An unanswered ALIVE, or an answer that stops arriving, is given up after this long. */
const REPLY_TIMEOUT_MS = 5_000;
/** A block that keeps arriving corrupt is not asked for forever. */
const MAX_NAKS_IN_A_ROW = 3;

type Session = 'closed' | 'greeting' | 'ready';

interface PendingAnswer {
  request: 'alive' | 'mem-get';
  /** When the request went out or its latest block came in. */
  lastActivityAt: number;
  /** Pumps that have answered so far. */
  channels: Set<string>;
}

interface PumpTrack {
  active: Map<string, BccAlarmCondition>;
  drug: string | null;
}

export class BBraunBccDecoder implements DeviceDecoder {
  private readonly framer = new BccFramer();
  private readonly stats: DecoderCounters = {
    frames: 0,
    checksumErrors: 0,
    discardedBytes: 0,
    decodedSamples: 0,
    sampleGaps: 0,
  };
  private session: Session = 'closed';
  private bedId = BCC_DEFAULT_BED_ID;
  /** Whether requests go out stuffed: follows what the ComDevice is seen to send. */
  private stuffing = false;
  private pending: PendingAnswer | null = null;
  private nextPollAt = 0;
  private naksInARow = 0;
  private readonly pumps = new Map<string, PumpTrack>();

  constructor(
    private readonly context: DecoderContext,
    private readonly io: DeviceIo,
  ) {}

  get counters(): Readonly<DecoderCounters> {
    return this.stats;
  }

  get associating(): boolean {
    return this.session !== 'ready';
  }

  connected(now: number): void {
    this.greet(now);
  }

  tick(now: number): void {
    if (this.pending !== null && now - this.pending.lastActivityAt >= REPLY_TIMEOUT_MS) {
      if (this.pending.request === 'mem-get') this.stats.sampleGaps += 1;
      this.pending = null;
      // The specification: ALIVE again "after a timeout or interrupted communication".
      this.session = 'greeting';
    }
    if (this.pending !== null) return;
    if (this.session === 'greeting') this.greet(now);
    else if (this.session === 'ready' && now >= this.nextPollAt) this.poll(now);
  }

  push(bytes: Uint8Array, receivedAt: number): DecodedBatch {
    const batch: Required<DecodedBatch> = {
      observations: [],
      waves: [],
      alarms: [],
      infusions: [],
    };
    for (const event of this.framer.push(bytes)) {
      if (event.kind === 'frame') this.onFrame(event.frame, receivedAt, batch);
      else if (event.kind === 'corrupt') this.onCorrupt();
    }
    const framer = this.framer.counters;
    this.stats.frames = framer.frames;
    this.stats.checksumErrors = framer.checksumErrors;
    this.stats.discardedBytes = framer.discardedBytes;
    return batch;
  }

  private onCorrupt(): void {
    if (this.pending === null || this.naksInARow >= MAX_NAKS_IN_A_ROW) return;
    this.naksInARow += 1;
    this.io.send(Uint8Array.of(BccControl.NAK));
  }

  private onFrame(frame: BccFrame, at: number, batch: Required<DecodedBatch>): void {
    this.naksInARow = 0;
    if (frame.stuffed !== null) this.stuffing = frame.stuffed;
    this.io.send(Uint8Array.of(BccControl.ACK));
    if (this.pending !== null) this.pending.lastActivityAt = at;
    const records = parseQuadruples(frame.information);
    this.stats.decodedSamples += records.length;
    let greeted = false;
    const pumpValues = new Map<string, Map<string, string | null>>();
    for (const record of records) {
      if (record.address === BCC_RACK_ADDRESS) {
        greeted ||= this.onRackRecord(record);
        continue;
      }
      const channel = pumpChannel(record.address);
      if (channel === null) continue;
      this.pending?.channels.add(channel);
      if (record.parameter === 'GNERR') {
        if (record.value === BccError.PUMP_REMOVED) this.pumpGone(channel, at, batch);
        continue;
      }
      const values = pumpValues.get(channel) ?? new Map<string, string | null>();
      values.set(record.parameter, record.value);
      pumpValues.set(channel, values);
    }
    for (const [channel, values] of pumpValues) this.pumpReport(channel, values, at, batch);
    if (frame.final) this.answerComplete(at, batch);
    if (greeted) {
      this.bedId = frame.bedId;
      this.session = 'ready';
      this.nextPollAt = at + FIRST_POLL_DELAY_MS;
    }
  }

  /** Returns true when the record is the ComDevice's acceptance of ADMIN:ALIVE. */
  private onRackRecord(record: BccQuadruple): boolean {
    if (record.parameter === 'GNACK') return this.pending?.request === 'alive';
    if (record.parameter === 'GNERR' && record.value !== BccError.NO_DATA) {
      // The request was refused (wrong bed id, syntax, stuffing): start the session again.
      this.pending = null;
      this.session = 'greeting';
    }
    return false;
  }

  private answerComplete(at: number, batch: Required<DecodedBatch>): void {
    const answered = this.pending;
    if (answered === null) return;
    this.pending = null;
    if (answered.request !== 'mem-get') return;
    // MEM:GET answers for every pump in the rack: one that is missing has left it.
    for (const channel of [...this.pumps.keys()]) {
      if (!answered.channels.has(channel)) this.pumpGone(channel, at, batch);
    }
  }

  private pumpReport(
    channel: string,
    values: ReadonlyMap<string, string | null>,
    at: number,
    batch: Required<DecodedBatch>,
  ): void {
    const track = this.pumps.get(channel) ?? { active: new Map(), drug: null };
    const drug = drugName(values);
    batch.infusions.push(
      this.infusion(channel, at, {
        drug,
        rateMlPerH: numberValue(values, 'INRT'),
        vtbiMl: numberValue(values, 'INVTB'),
        volumeInfusedMl: numberValue(values, 'INVI'),
        state: pumpState(values),
      }),
    );
    const wasActive = new Set(track.active.keys());
    const active = new Map(activeConditions(values, wasActive).map((c) => [c.id, c]));
    for (const condition of active.values()) {
      const phase = wasActive.has(condition.id) ? 'continue' : 'start';
      batch.alarms.push(this.alarm(channel, drug, condition, phase, at));
    }
    for (const [id, condition] of track.active) {
      if (!active.has(id)) batch.alarms.push(this.alarm(channel, drug, condition, 'end', at));
    }
    this.pumps.set(channel, { active, drug });
  }

  /** Its alarms end with it, and its tile says the station no longer knows its state. */
  private pumpGone(channel: string, at: number, batch: Required<DecodedBatch>): void {
    const track = this.pumps.get(channel);
    if (track === undefined) return;
    this.pumps.delete(channel);
    for (const condition of track.active.values()) {
      batch.alarms.push(this.alarm(channel, track.drug, condition, 'end', at));
    }
    batch.infusions.push(
      this.infusion(channel, at, {
        drug: null,
        rateMlPerH: null,
        vtbiMl: null,
        volumeInfusedMl: null,
        state: 'unknown',
      }),
    );
  }

  private infusion(
    channel: string,
    time: number,
    values: Pick<Infusion, 'drug' | 'rateMlPerH' | 'vtbiMl' | 'volumeInfusedMl' | 'state'>,
  ): Infusion {
    return {
      bed: this.context.bed,
      device: this.context.device,
      channel,
      ...values,
      time,
      demo: this.context.demo,
    };
  }

  private alarm(
    channel: string,
    drug: string | null,
    condition: BccAlarmCondition,
    phase: DeviceAlarmReport['phase'],
    time: number,
  ): DeviceAlarmReport {
    return {
      bed: this.context.bed,
      device: this.context.device,
      code: `bbraun.${channel}.${condition.id}`,
      text: `Pump ${channel}${drug === null ? '' : ` (${drug})`}: ${condition.text}`,
      priority: condition.priority,
      // IEC 60601-1-8: a pump's conditions come from equipment variables, so they are technical;
      // the priority carries the risk to the patient.
      kind: 'technical',
      phase,
      time,
    };
  }

  private greet(now: number): void {
    this.session = 'greeting';
    // ALIVE always goes to the default bed id; the answer carries the real one.
    this.send(BCC_DEFAULT_BED_ID, BccRequest.ALIVE);
    this.pending = { request: 'alive', lastActivityAt: now, channels: new Set() };
  }

  private poll(now: number): void {
    this.send(this.bedId, BccRequest.GET_ALL);
    this.pending = { request: 'mem-get', lastActivityAt: now, channels: new Set() };
    this.nextPollAt = now + BCC_POLL_INTERVAL_MS;
  }

  private send(bedId: string, request: string): void {
    const frame = encodeBccFrame(bedId, request);
    this.io.send(this.stuffing ? stuffBcc(frame) : frame);
  }
}
