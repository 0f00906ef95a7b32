/**
 * The station side of an Alaris Asena session: ask COMMS_PROTOCOL until the pump answers, then
 * every 2 s ask ALARM, INF_VTBI and INF, one request at a time. The pump is only queried:
 * the station never enables remote control (REMOTE_CTRL), which would let a lost link raise a
 * communication-timeout alarm at the bedside.
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
import { AsenaCommand, AsenaFramer, encodeAsenaMessage } from './AsenaCodec.js';
import {
  asenaState,
  parseAlarmReply,
  parseStatusReply,
  parseVtbiReply,
  type AsenaAlarmCondition,
  type AsenaStatusReply,
} from './AsenaStatus.js';

export const ASENA_POLL_INTERVAL_MS = 2_000;
/** OpenICE and infupy give the pump 0.5 s to answer; a serial device server may add latency. */
const REPLY_TIMEOUT_MS = 1_000;
/** Alarm first so an alarm reaches the station with the least delay; INF last, to use both. */
export const ASENA_POLL_CYCLE: readonly string[] = [
  AsenaCommand.ALARM,
  AsenaCommand.VTBI,
  AsenaCommand.STATUS,
];
/** The pump's protocol version answers "is a pump there, speaking this protocol". */
const IDENTIFY: readonly string[] = [AsenaCommand.PROTOCOL_VERSION];
/** A single-channel syringe pump. */
const CHANNEL = '1';

type Phase = 'closed' | 'identifying' | 'monitoring';

export class AlarisAsenaDecoder implements DeviceDecoder {
  private readonly framer = new AsenaFramer();
  private readonly stats: DecoderCounters = {
    frames: 0,
    checksumErrors: 0,
    discardedBytes: 0,
    decodedSamples: 0,
    sampleGaps: 0,
  };
  private phase: Phase = 'closed';
  private queue: string[] = [];
  private outstanding: { command: string; sentAt: number } | null = null;
  private nextCycleAt = 0;
  private vtbiMl: number | null = null;
  private alarm: AsenaAlarmCondition | null = null;

  constructor(
    private readonly context: DecoderContext,
    private readonly io: DeviceIo,
  ) {}

  get counters(): Readonly<DecoderCounters> {
    return this.stats;
  }

  get associating(): boolean {
    return this.phase !== 'monitoring';
  }

  connected(now: number): void {
    this.phase = 'identifying';
    this.queue = [...IDENTIFY];
    this.sendNext(now);
  }

  tick(now: number): void {
    if (this.outstanding !== null) {
      if (now - this.outstanding.sentAt < REPLY_TIMEOUT_MS) return;
      this.outstanding = null;
      this.stats.sampleGaps += 1;
      // Identification starts over; a lost poll reply just costs that value for this cycle.
      if (this.phase === 'identifying') this.queue = [...IDENTIFY];
    }
    if (this.queue.length > 0) this.sendNext(now);
    else if (this.phase === 'monitoring' && now >= this.nextCycleAt) this.startCycle(now);
  }

  push(bytes: Uint8Array, receivedAt: number): DecodedBatch {
    const batch: Required<DecodedBatch> = {
      observations: [],
      waves: [],
      alarms: [],
      infusions: [],
    };
    for (const fields of this.framer.push(bytes)) this.onReply(fields, receivedAt, batch);
    const framer = this.framer.counters;
    this.stats.frames = framer.frames;
    this.stats.checksumErrors = framer.checksumErrors;
    this.stats.discardedBytes = framer.discardedBytes;
    return batch;
  }

  /** Replies name the command they answer, so each is used whenever it comes. */
  private onReply(fields: string[], at: number, batch: Required<DecodedBatch>): void {
    const command = fields[0];
    switch (command) {
      case AsenaCommand.PROTOCOL_VERSION:
        this.phase = 'monitoring';
        break;
      case AsenaCommand.ALARM:
        this.onAlarm(parseAlarmReply(fields), at, batch);
        break;
      case AsenaCommand.VTBI:
        this.vtbiMl = parseVtbiReply(fields);
        break;
      case AsenaCommand.STATUS:
        batch.infusions.push(this.infusion(parseStatusReply(fields), at));
        break;
      default:
        return;
    }
    this.stats.decodedSamples += 1;
    if (command !== this.outstanding?.command) return;
    this.outstanding = null;
    if (this.queue.length > 0) this.sendNext(at);
    else if (this.phase === 'monitoring' && at >= this.nextCycleAt) this.startCycle(at);
  }

  /** The pump reports one alarm at a time: a different code ends the previous one. */
  private onAlarm(
    now: AsenaAlarmCondition | null,
    at: number,
    batch: Required<DecodedBatch>,
  ): void {
    const before = this.alarm;
    if (before !== null && before.code !== now?.code)
      batch.alarms.push(this.report(before, 'end', at));
    if (now !== null)
      batch.alarms.push(this.report(now, before?.code === now.code ? 'continue' : 'start', at));
    this.alarm = now;
  }

  private infusion(status: AsenaStatusReply, time: number): Infusion {
    return {
      bed: this.context.bed,
      device: this.context.device,
      channel: CHANNEL,
      drug: status.drug,
      rateMlPerH: status.rateMlPerH,
      vtbiMl: this.vtbiMl,
      volumeInfusedMl: status.volumeInfusedMl,
      state: asenaState(status, this.alarm),
      time,
      demo: this.context.demo,
    };
  }

  private report(
    condition: AsenaAlarmCondition,
    phase: DeviceAlarmReport['phase'],
    time: number,
  ): DeviceAlarmReport {
    return {
      bed: this.context.bed,
      device: this.context.device,
      code: `alaris.${condition.code}`,
      text: `Syringe pump: ${condition.text}`,
      priority: condition.priority,
      // IEC 60601-1-8: a pump's conditions come from equipment variables, so they are technical;
      // the priority carries the risk to the patient.
      kind: 'technical',
      phase,
      time,
    };
  }

  private startCycle(now: number): void {
    this.queue = [...ASENA_POLL_CYCLE];
    this.nextCycleAt = now + ASENA_POLL_INTERVAL_MS;
    this.sendNext(now);
  }

  private sendNext(now: number): void {
    const command = this.queue.shift();
    if (command === undefined) return;
    this.outstanding = { command, sentAt: now };
    this.io.send(encodeAsenaMessage([command]));
  }
}
