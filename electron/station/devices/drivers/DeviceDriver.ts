/**
 * What a device driver is: bytes in, domain values out. A driver folder holds its codec (framing
 * and checksums), its decoder (frames → observations and wave segments), a protocol note and a
 * simulator that speaks the protocol at the real line rate. Adding a device means adding a folder
 * and registering it in ./registry.ts, nothing else.
 */
import type {
  AlarmKind,
  AlarmPriority,
  Infusion,
  Observation,
  WaveSegment,
} from '../../../contract/domain.js';

export interface SerialSettings {
  baudRate: number;
  dataBits: 5 | 6 | 7 | 8;
  parity: 'none' | 'even' | 'odd' | 'mark' | 'space';
  stopBits: 1 | 1.5 | 2;
  flowControl: 'none' | 'rtscts' | 'xonxoff';
}

/** Who the decoded values belong to; set by the link, not by the device. */
export interface DecoderContext {
  bed: string;
  /** Device identity used in observations (the link id until the device reports its own). */
  device: string;
  demo: boolean;
}

export interface DecoderCounters {
  frames: number;
  checksumErrors: number;
  /** Bytes skipped while looking for a frame start: noise, truncated or corrupt frames. */
  discardedBytes: number;
  decodedSamples: number;
  /** Number of places where samples are known to be missing. */
  sampleGaps: number;
}

/**
 * An alarm condition as the device reports it, mapped to the station's priorities. Devices that
 * send alarm lists as snapshots are diffed by their decoder into start / continue / end.
 */
export interface DeviceAlarmReport {
  bed: string;
  device: string;
  /** Stable per condition on this device: an MDC event code, or "<vendor>.<code>". */
  code: string;
  text: string;
  priority: AlarmPriority;
  kind: AlarmKind;
  phase: 'start' | 'continue' | 'end';
  time: number;
}

export interface DecodedBatch {
  observations: Observation[];
  waves: WaveSegment[];
  alarms?: DeviceAlarmReport[];
  infusions?: Infusion[];
}

/** How a decoder talks back to its device (association, polls, keep-alives, ACKs). */
export interface DeviceIo {
  send(bytes: Uint8Array): void;
}

export interface DeviceDecoder {
  /**
   * Feeds bytes as they arrive (any split, any noise). Never throws on bad input: bad bytes are
   * counted and skipped, and the good frames after them still decode.
   * @param receivedAt ms since the epoch when these bytes arrived.
   */
  push(bytes: Uint8Array, receivedAt: number): DecodedBatch;
  readonly counters: Readonly<DecoderCounters>;
  /**
   * For protocols the station must drive: called once the transport is open (send the
   * association request, the first poll) and then about every 500 ms (keep-alives, renewals,
   * retries). Streaming-only devices leave these out.
   */
  connected?(now: number): void;
  tick?(now: number): void;
  /** While true the link shows "associating" instead of "connecting"/"streaming". */
  readonly associating?: boolean;
}

/** The device side of a protocol: produces the bytes a real device would, paced in real time. */
export interface DeviceSimulator {
  /** Starts emitting; `write` is called with each chunk as the device would send it. */
  start(write: (bytes: Uint8Array) => void): void;
  stop(): void;
  /** Bytes the station sent to the device (requests, keep-alives). */
  receive?(bytes: Uint8Array): void;
}

export interface SimulatorOptions {
  /** Seed for any generated variation, so a run can be repeated. */
  seed?: number;
}

export interface DeviceDriver<S extends SimulatorOptions = SimulatorOptions> {
  /** Stable id used in configuration, e.g. "nonin-format7". */
  protocol: string;
  label: string;
  /** The port settings the real device uses; a link may override them. */
  serialDefaults: SerialSettings;
  /** Bytes per second the device's line carries at its default settings (for pacing, benches). */
  lineBytesPerSecond: number;
  createDecoder(context: DecoderContext, io: DeviceIo): DeviceDecoder;
  createSimulator(options: S): DeviceSimulator;
  /**
   * Deterministic device output for `seconds` of streaming, without timers: what the station
   * would receive once the session is up. A recorded capture where one exists.
   */
  exampleStream(seconds: number): Uint8Array;
}
