/**
 * Nonin Data Format 7 frames → pleth wave segments and SpO2 / pulse-rate observations.
 *
 * Sample numbering: every frame carries one pleth sample, so a lost frame is a lost sample.
 * Losses are found three ways: bytes the framer threw away (a corrupt or truncated frame, about
 * one frame per 5 bytes), silence on the link longer than buffering explains, and the SYNC bit,
 * which must land on a multiple of 25 frames; the SYNC check also corrects the other two.
 */
import type { Observation, ObservationStatus, WaveSegment } from '../../../../contract/domain.js';
import { Mdc } from '../../../../contract/mdc.js';
import type {
  DecodedBatch,
  DecoderContext,
  DecoderCounters,
  DeviceDecoder,
} from '../DeviceDriver.js';
import {
  NONIN_FRAME_LENGTH,
  NONIN_FRAME_RATE,
  NONIN_FRAMES_PER_PACKET,
  NONIN_MISSING_HR,
  NONIN_MISSING_SPO2,
  NoninDataSlot,
  NoninFramer,
  NoninStatus,
  decodeNoninHeartRate,
  decodeNoninSpO2,
  type ReceivedNoninFrame,
} from './NoninFormat7Codec.js';

/** Unsigned 16-bit pleth is shifted into int16; physical value is the fraction of full scale. */
const PLETH_SAMPLE_OFFSET = 0x8000;
const PLETH_SCALE = 1 / 0x10000;
const PLETH_OFFSET = PLETH_SAMPLE_OFFSET * PLETH_SCALE;

const MS_PER_FRAME = 1000 / NONIN_FRAME_RATE;
/** Serial ports hand data over in bursts; only silence beyond this counts as lost frames. */
const SILENCE_TOLERANCE_FRAMES = NONIN_FRAME_RATE;

const UNUSABLE_STATUS =
  NoninStatus.SENSOR_DISCONNECT | NoninStatus.OUT_OF_TRACK | NoninStatus.SENSOR_ALARM;

interface Packet {
  /** Frames since its SYNC frame, counting estimated losses. */
  position: number;
  /** Data bytes by the slot each frame is believed to occupy. */
  data: Map<number, number>;
  /** Status bits seen in any frame of the packet. */
  status: number;
}

interface Run {
  seq: number;
  samples: number[];
}

function framesLostIn(discardedBytes: number): number {
  return Math.ceil(discardedBytes / NONIN_FRAME_LENGTH);
}

/**
 * Where SYNC arrived, `believedPosition` frames after the previous SYNC, it should have been a
 * whole number of packets; the nearest one says how far the loss estimate was off.
 */
function syncCorrection(believedPosition: number): number {
  const packets = Math.round(believedPosition / NONIN_FRAMES_PER_PACKET);
  return packets * NONIN_FRAMES_PER_PACKET - believedPosition;
}

function observationStatus(packetStatus: number): ObservationStatus {
  if ((packetStatus & UNUSABLE_STATUS) !== 0) return 'invalid';
  if ((packetStatus & NoninStatus.ARTIFACT) !== 0) return 'questionable';
  return 'valid';
}

function hasReservedHighBit(bytes: readonly number[]): boolean {
  return bytes.some((b) => (b & 0x80) !== 0);
}

export class NoninDecoder implements DeviceDecoder {
  private readonly framer = new NoninFramer();
  private readonly stats: DecoderCounters = {
    frames: 0,
    checksumErrors: 0,
    discardedBytes: 0,
    decodedSamples: 0,
    sampleGaps: 0,
  };
  private nextSeq = 0;
  private hasSample = false;
  /** The packet being received; null until the first SYNC frame. */
  private packet: Packet | null = null;
  private lastFrameAt: number | null = null;

  constructor(private readonly context: DecoderContext) {}

  get counters(): Readonly<DecoderCounters> {
    return this.stats;
  }

  push(bytes: Uint8Array, receivedAt: number): DecodedBatch {
    const frames = this.framer.push(bytes);
    const observations: Observation[] = [];
    const runs: Run[] = [];
    const lostToSilence = this.framesLostToSilence(frames, receivedAt);
    frames.forEach((frame, i) => {
      const discarded = this.hasSample ? framesLostIn(frame.discardedBefore) : 0;
      const estimated = discarded + (i === 0 ? lostToSilence : 0);
      const lost = this.placeFrame(frame, estimated, observations, receivedAt);
      this.addSample(runs, frame.pleth, lost);
    });
    if (frames.length > 0) this.lastFrameAt = receivedAt;
    this.syncFramerCounters();
    return { observations, waves: runs.map((run) => this.segment(run, receivedAt)) };
  }

  private framesLostToSilence(frames: ReceivedNoninFrame[], receivedAt: number): number {
    if (this.lastFrameAt === null || frames.length === 0) return 0;
    const elapsedFrames = (receivedAt - this.lastFrameAt) / MS_PER_FRAME;
    const arrived = frames.reduce((n, f) => n + 1 + framesLostIn(f.discardedBefore), 0);
    const unexplained = elapsedFrames - arrived;
    return unexplained > SILENCE_TOLERANCE_FRAMES ? Math.round(unexplained) : 0;
  }

  /** Tracks the frame's slot in its packet; returns the number of frames lost before it. */
  private placeFrame(
    frame: ReceivedNoninFrame,
    estimatedLost: number,
    observations: Observation[],
    receivedAt: number,
  ): number {
    let lost = estimatedLost;
    let packet = this.packet;
    if ((frame.status & NoninStatus.SYNC) !== 0) {
      if (packet !== null) {
        const believedPosition = packet.position + lost;
        // Only a packet that ended exactly 25 frames after its SYNC has every byte in its slot.
        if (believedPosition === NONIN_FRAMES_PER_PACKET) {
          observations.push(...this.packetObservations(packet, receivedAt));
        }
        lost = Math.max(0, lost + syncCorrection(believedPosition));
      }
      packet = { position: 0, data: new Map(), status: 0 };
      this.packet = packet;
    } else if (packet !== null) {
      packet.position += lost;
    } else {
      return lost;
    }
    packet.status |= frame.status;
    if (packet.position < NONIN_FRAMES_PER_PACKET) packet.data.set(packet.position, frame.data);
    packet.position += 1;
    return lost;
  }

  private packetObservations(packet: Packet, receivedAt: number): Observation[] {
    const hrMsb = packet.data.get(NoninDataSlot.HR_MSB);
    const hrLsb = packet.data.get(NoninDataSlot.HR_LSB);
    const spo2 = packet.data.get(NoninDataSlot.SPO2);
    if (hrMsb === undefined || hrLsb === undefined || spo2 === undefined) return [];
    // These bytes have bit 7 clear by specification; a set bit means the packet is misread.
    if (hasReservedHighBit([hrMsb, hrLsb, spo2])) return [];
    const status = observationStatus(packet.status);
    const heartRate = decodeNoninHeartRate(hrMsb, hrLsb);
    const saturation = decodeNoninSpO2(spo2);
    return [
      this.observation(
        Mdc.SpO2.code,
        Mdc.SpO2.ucum,
        saturation === NONIN_MISSING_SPO2 || saturation > 100 ? null : saturation,
        status,
        receivedAt,
      ),
      this.observation(
        Mdc.PulseRateOximeter.code,
        Mdc.PulseRateOximeter.ucum,
        heartRate === NONIN_MISSING_HR ? null : heartRate,
        status,
        receivedAt,
      ),
    ];
  }

  private observation(
    code: number,
    unit: string,
    value: number | null,
    status: ObservationStatus,
    time: number,
  ): Observation {
    return {
      bed: this.context.bed,
      device: this.context.device,
      code,
      value: status === 'invalid' ? null : value,
      unit,
      time,
      status: value === null ? 'invalid' : status,
      demo: this.context.demo,
    };
  }

  private addSample(runs: Run[], pleth: number, lost: number): void {
    if (lost > 0) {
      this.nextSeq += lost;
      this.stats.sampleGaps += 1;
    }
    const current = runs.at(-1);
    const sample = pleth - PLETH_SAMPLE_OFFSET;
    if (current !== undefined && current.seq + current.samples.length === this.nextSeq) {
      current.samples.push(sample);
    } else {
      runs.push({ seq: this.nextSeq, samples: [sample] });
    }
    this.nextSeq += 1;
    this.hasSample = true;
    this.stats.decodedSamples += 1;
  }

  /** The last sample of the push is taken to have arrived at `receivedAt`. */
  private segment(run: Run, receivedAt: number): WaveSegment {
    const lastSeq = this.nextSeq - 1;
    return {
      bed: this.context.bed,
      device: this.context.device,
      code: Mdc.Pleth.code,
      sampleRate: NONIN_FRAME_RATE,
      t0: receivedAt - (lastSeq - run.seq) * MS_PER_FRAME,
      seq: run.seq,
      samples: Int16Array.from(run.samples),
      scale: PLETH_SCALE,
      offset: PLETH_OFFSET,
      unit: Mdc.Pleth.ucum,
      demo: this.context.demo,
    };
  }

  private syncFramerCounters(): void {
    const framer = this.framer.counters;
    this.stats.frames = framer.frames;
    this.stats.checksumErrors = framer.checksumErrors;
    this.stats.discardedBytes = framer.discardedBytes;
  }
}
