/**
 * The station's one vocabulary. Every driver, the HL7 listener and the relay speak these types;
 * codes are IEEE 11073-10101 (MDC) numeric codes and units are UCUM, whatever the device spoke.
 * Schemas are zod so the same definitions validate what crosses the contract.
 */
import { z } from 'zod';

export const BedId = z.string().min(1).max(64);
export type BedId = z.infer<typeof BedId>;

/** valid: measured and trusted; questionable: shown with a marker; invalid: never shown as a number. */
export const ObservationStatus = z.enum(['valid', 'questionable', 'invalid']);
export type ObservationStatus = z.infer<typeof ObservationStatus>;

export const Observation = z.object({
  bed: BedId,
  /** Device identity as the device reports it, prefixed by the link it came over. */
  device: z.string(),
  /** MDC numeric code, e.g. 150456 for MDC_PULS_OXIM_SAT_O2. */
  code: z.number().int().nonnegative(),
  /** null when the device says the value is missing or invalid. */
  value: z.number().nullable(),
  /** UCUM unit, e.g. "%" or "{beat}/min". */
  unit: z.string(),
  /** Milliseconds since the Unix epoch (UTC). */
  time: z.number(),
  status: ObservationStatus,
  /** Demo or simulated data: shown marked DEMO and never relayed as real. */
  demo: z.boolean(),
});
export type Observation = z.infer<typeof Observation>;

/**
 * A run of consecutive samples of one wave. Samples are int16 as the device sent them;
 * physical value = sample * scale + offset, in `unit`.
 */
export interface WaveSegment {
  bed: BedId;
  device: string;
  code: number;
  sampleRate: number;
  /** Time of the first sample, ms since the Unix epoch. */
  t0: number;
  /** Sequence number of the first sample in this wave's own sample count; a jump is a gap. */
  seq: number;
  samples: Int16Array;
  scale: number;
  offset: number;
  unit: string;
  demo: boolean;
}

/** What the renderer needs to draw a wave stream; wave frames refer to it by `streamId`. */
export const WaveStream = z.object({
  streamId: z.number().int().min(0).max(0xffff),
  bed: BedId,
  device: z.string(),
  code: z.number().int(),
  label: z.string(),
  sampleRate: z.number().positive(),
  unit: z.string(),
  scale: z.number(),
  offset: z.number(),
  /** Fixed display range in physical units; a monitor never auto-scales a live trace. */
  displayMin: z.number(),
  displayMax: z.number(),
  demo: z.boolean(),
});
export type WaveStream = z.infer<typeof WaveStream>;

export const AlarmPriority = z.enum(['high', 'medium', 'low']);
export type AlarmPriority = z.infer<typeof AlarmPriority>;

export const AlarmKind = z.enum(['physiological', 'technical']);
export type AlarmKind = z.infer<typeof AlarmKind>;

export const AlarmState = z.enum(['active', 'acknowledged', 'audio-paused', 'latched', 'ended']);
export type AlarmState = z.infer<typeof AlarmState>;

export const Alarm = z.object({
  id: z.string(),
  /** null for station-wide conditions (engine restarted, disk full). */
  bed: BedId.nullable(),
  /** Who raised it: "station", a link id, or a device identity. */
  source: z.string(),
  /** Stable identifier of the condition, e.g. "station.engine-restarted" or an MDC event code. */
  code: z.string(),
  text: z.string(),
  priority: AlarmPriority,
  kind: AlarmKind,
  state: AlarmState,
  startedAt: z.number(),
  endedAt: z.number().nullable(),
});
export type Alarm = z.infer<typeof Alarm>;

export const LinkState = z.enum(['connecting', 'associating', 'streaming', 'stale', 'down']);
export type LinkState = z.infer<typeof LinkState>;

export const LinkCounters = z.object({
  bytesIn: z.number(),
  bytesOut: z.number(),
  frames: z.number(),
  checksumErrors: z.number(),
  /** Bytes thrown away while hunting for a frame start (noise, truncated frames). */
  discardedBytes: z.number(),
  decodedSamples: z.number(),
  sampleGaps: z.number(),
  reconnects: z.number(),
  lastDataAt: z.number().nullable(),
});
export type LinkCounters = z.infer<typeof LinkCounters>;

export const DeviceLinkStatus = z.object({
  id: z.string(),
  bed: BedId,
  protocol: z.string(),
  /** Human-readable endpoint: "/dev/ttyUSB0 9600 8N1" or "tcp 127.0.0.1:4001". */
  endpoint: z.string(),
  state: LinkState,
  lastError: z.string().nullable(),
  counters: LinkCounters,
  demo: z.boolean(),
});
export type DeviceLinkStatus = z.infer<typeof DeviceLinkStatus>;

export const Bed = z.object({
  id: BedId,
  label: z.string(),
  /** Until the census lands every bed is unassociated. */
  patient: z
    .object({
      id: z.string(),
      name: z.string(),
      sex: z.string().nullable(),
      birthDate: z.string().nullable(),
    })
    .nullable(),
  demo: z.boolean(),
});
export type Bed = z.infer<typeof Bed>;

export const StationInfo = z.object({
  name: z.string(),
  version: z.string(),
  startedAt: z.number(),
  /** How many times the supervisor has had to restart the engine since the station started. */
  engineRestarts: z.number().int(),
  demo: z.boolean(),
});
export type StationInfo = z.infer<typeof StationInfo>;

export const InfusionState = z.enum([
  'infusing',
  'paused',
  'kvo',
  'complete',
  'stopped',
  'bolus',
  'unknown',
]);
export type InfusionState = z.infer<typeof InfusionState>;

/** One channel of an infusion pump, as last reported. Volumes in mL, rate in mL/h. */
export const Infusion = z.object({
  bed: BedId,
  device: z.string(),
  /** Channel within the pump or rack slot, as the pump numbers it. */
  channel: z.string(),
  drug: z.string().nullable(),
  rateMlPerH: z.number().nullable(),
  vtbiMl: z.number().nullable(),
  volumeInfusedMl: z.number().nullable(),
  state: InfusionState,
  time: z.number(),
  demo: z.boolean(),
});
export type Infusion = z.infer<typeof Infusion>;

/** How the engine process itself is doing: for biomed, benchmarks and support. */
export const EngineDiagnostics = z.object({
  pid: z.number().int(),
  uptimeMs: z.number(),
  /** process.cpuUsage() of the engine since it started, in microseconds. */
  cpuUserMicros: z.number(),
  cpuSystemMicros: z.number(),
  rssBytes: z.number(),
  heapUsedBytes: z.number(),
  /** Event-loop delay since start: what a late alarm or ACK would have waited, in ms. */
  eventLoopDelayMs: z.object({ p50: z.number(), p99: z.number(), max: z.number() }),
});
export type EngineDiagnostics = z.infer<typeof EngineDiagnostics>;
