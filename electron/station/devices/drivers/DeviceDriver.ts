/**
 * What a device driver is: bytes in, domain values out. A driver folder holds its codec (framing
 * and checksums), its decoder (frames → observations and wave segments), a protocol note and a
 * simulator that speaks the protocol at the real line rate. Adding a device means adding a folder
 * and registering it in ./registry.ts, nothing else.
 */
import type { Observation, WaveSegment } from '../../../contract/domain.js';

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

export interface DecodedBatch {
  observations: Observation[];
  waves: WaveSegment[];
}

export interface DeviceDecoder {
  /**
   * Feeds bytes as they arrive (any split, any noise). Never throws on bad input: bad bytes are
   * counted and skipped, and the good frames after them still decode.
   * @param receivedAt ms since the epoch when these bytes arrived.
   */
  push(bytes: Uint8Array, receivedAt: number): DecodedBatch;
  readonly counters: Readonly<DecoderCounters>;
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
  createDecoder(context: DecoderContext): DeviceDecoder;
  createSimulator(options: S): DeviceSimulator;
}
