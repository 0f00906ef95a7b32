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
  /** MDC code of the parameter a limit alarm is about, so its value can be highlighted. */
  parameter: z.number().int().nullable().optional(),
  /** An unacknowledged high-priority alarm past the unit's escalation time. */
  escalated: z.boolean().optional(),
  acknowledgedAt: z.number().nullable().optional(),
  acknowledgedBy: z.string().nullable().optional(),
  /** For a latched alarm: when its condition ended (it stays shown until acknowledged). */
  conditionEndedAt: z.number().nullable().optional(),
});
export type Alarm = z.infer<typeof Alarm>;

/**
 * What the station's alarm signals are doing now (IEC 60601-1-8 inactivation states), so every
 * client shows the same state and plays the same sound.
 */
export const AlarmSignalState = z.object({
  /** Highest priority that should sound now, after acknowledgements and pauses. */
  sounding: AlarmPriority.nullable(),
  /** An unacknowledged high-priority alarm has passed the escalation time. */
  escalated: z.boolean(),
  /** Whole-station AUDIO PAUSED until this time. */
  audioPausedUntil: z.number().nullable(),
  /** Per-bed AUDIO PAUSED. */
  bedAudioPausedUntil: z.record(z.string(), z.number()),
  /** AUDIO OFF (indefinite; only where the hospital allows it). */
  audioOff: z.boolean(),
  /** Time of the last reminder signal due (audio off, or an acknowledged alarm that persists). */
  reminderAt: z.number().nullable(),
  audioPauseSeconds: z.number(),
});
export type AlarmSignalState = z.infer<typeof AlarmSignalState>;

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

/**
 * A parameter's alarm limits in its UCUM unit; null switches that limit off. low/high alarm at
 * medium priority, extremeLow/extremeHigh at high priority.
 */
export const ParameterLimits = z
  .object({
    low: z.number().nullable(),
    high: z.number().nullable(),
    extremeLow: z.number().nullable(),
    extremeHigh: z.number().nullable(),
  })
  .strict()
  .refine(
    (l) =>
      (l.extremeLow === null || l.low === null || l.extremeLow <= l.low) &&
      (l.extremeHigh === null || l.high === null || l.extremeHigh >= l.high) &&
      (l.low === null || l.high === null || l.low < l.high),
    { message: 'limits must be ordered: extreme low ≤ low < high ≤ extreme high' },
  );
export type ParameterLimits = z.infer<typeof ParameterLimits>;

export const BedLimit = z.object({
  code: z.number().int(),
  label: z.string(),
  unit: z.string(),
  delayMs: z.number(),
  hysteresis: z.number(),
  limits: ParameterLimits,
});
export type BedLimit = z.infer<typeof BedLimit>;

/**
 * A raw link recording's file name, as recordings.list gives it. Only plain names inside the
 * station's recordings folder: no folders, no "..".
 */
export const RecordingFileName = z
  .string()
  .max(255)
  .regex(
    /^(?!.*\.\.)[A-Za-z0-9_-][A-Za-z0-9._-]*\.wsrec$/,
    'a recording file name from recordings.list (letters, digits, ".", "_", "-"; no folders, no "..")',
  );
export type RecordingFileName = z.infer<typeof RecordingFileName>;

/** One raw recording of a device link (every byte both ways, timed) in the data dir. */
export const RecordingInfo = z.object({
  file: z.string(),
  link: z.string(),
  bed: z.string(),
  protocol: z.string(),
  endpoint: z.string(),
  /** ms since the Unix epoch. */
  startedAt: z.number(),
  /** Size of the file on disk. */
  bytes: z.number().int().nonnegative(),
  /** From the start to the last recorded byte. */
  durationMs: z.number().nonnegative(),
  /** Still being written. */
  recording: z.boolean(),
});
export type RecordingInfo = z.infer<typeof RecordingInfo>;

/** A recording served as a simulated device on a loopback TCP port (a link connects to it). */
export const ReplayEndpoint = z.object({
  host: z.literal('127.0.0.1'),
  port: z.number().int().min(1).max(65535),
  file: z.string(),
  speed: z.number().positive(),
  loop: z.boolean(),
});
export type ReplayEndpoint = z.infer<typeof ReplayEndpoint>;

/** A serial port the OS knows; fields the OS does not report are null. */
export const SerialPortInfo = z.object({
  /** What a link's transport.path takes, e.g. /dev/ttyUSB0 or a /dev/serial/by-id/… name. */
  path: z.string(),
  manufacturer: z.string().nullable(),
  vendorId: z.string().nullable(),
  productId: z.string().nullable(),
  serialNumber: z.string().nullable(),
});
export type SerialPortInfo = z.infer<typeof SerialPortInfo>;

/** Ports found, and why the list may be incomplete; a typed-in path is always allowed. */
export const SerialPortListing = z.object({
  ports: z.array(SerialPortInfo),
  warning: z.string().nullable(),
});
export type SerialPortListing = z.infer<typeof SerialPortListing>;

/** Min, max and median of one parameter over one trend bucket starting at `t`. */
export const TrendBucket = z.object({
  t: z.number(),
  min: z.number(),
  max: z.number(),
  median: z.number(),
  /** Values behind the bucket (native rows, or one-minute summaries' values). */
  count: z.number().int(),
});
export type TrendBucket = z.infer<typeof TrendBucket>;

export const TrendSeries = z.object({
  code: z.number().int(),
  unit: z.string(),
  demo: z.boolean(),
  buckets: z.array(TrendBucket),
});
export type TrendSeries = z.infer<typeof TrendSeries>;

export const Trend = z.object({
  bed: BedId,
  from: z.number(),
  to: z.number(),
  bucketMs: z.number(),
  series: z.array(TrendSeries),
});
export type Trend = z.infer<typeof Trend>;

/** Consecutive samples of one wave inside a full-disclosure page; a gap starts a new segment. */
export const DisclosureSegment = z.object({
  t0: z.number(),
  samples: z.array(z.number().int().min(-32768).max(32767)),
});
export type DisclosureSegment = z.infer<typeof DisclosureSegment>;

/** One wave of a bed in one sample format; physical value = sample * scale + offset, in unit. */
export const DisclosureWave = z.object({
  code: z.number().int(),
  device: z.string(),
  sampleRate: z.number().positive(),
  scale: z.number(),
  offset: z.number(),
  unit: z.string(),
  demo: z.boolean(),
  segments: z.array(DisclosureSegment),
});
export type DisclosureWave = z.infer<typeof DisclosureWave>;

export const DisclosurePage = z.object({
  bed: BedId,
  from: z.number(),
  to: z.number(),
  waves: z.array(DisclosureWave),
});
export type DisclosurePage = z.infer<typeof DisclosurePage>;

/** A device link's counters as saved once a minute, for link-health history. */
export const LinkCounterSnapshot = z.object({
  link: z.string(),
  bed: BedId,
  time: z.number(),
  state: LinkState,
  counters: LinkCounters.omit({ lastDataAt: true }),
});
export type LinkCounterSnapshot = z.infer<typeof LinkCounterSnapshot>;

/** A file the station wrote into <dataDir>/exports/. */
export const ExportedFile = z.object({
  /** File name only: where it lives is the station's business, not the client's. */
  file: z.string(),
  bytes: z.number().int(),
  /** CSV rows, or EDF data records. */
  items: z.number().int(),
});
export type ExportedFile = z.infer<typeof ExportedFile>;

/** A device that sent data for a bed over HL7; unassociated while the bed has no patient. */
export const CensusDevice = z.object({
  device: z.string(),
  lastDataAt: z.number(),
  unassociated: z.boolean(),
});
export type CensusDevice = z.infer<typeof CensusDevice>;

/**
 * One bed as the ADT census sees it: its patient (or none) and the devices feeding it. Beds the
 * station does not have but HL7 data named (an unmapped PV1-3) are listed too, not configured.
 */
export const CensusBed = z.object({
  bed: z.string(),
  label: z.string(),
  configured: z.boolean(),
  patient: Bed.shape.patient,
  /** PV1-3 the patient was placed at, as the hospital wrote it. */
  location: z.string().nullable(),
  /** When the patient came into this bed. */
  since: z.number().nullable(),
  devices: z.array(CensusDevice),
});
export type CensusBed = z.infer<typeof CensusBed>;

export const Hl7ListenerState = z.enum(['disabled', 'starting', 'listening', 'failed', 'stopped']);
export type Hl7ListenerState = z.infer<typeof Hl7ListenerState>;

/** The HL7 MLLP listener: where it listens and what it has received and answered. */
export const Hl7Status = z.object({
  state: Hl7ListenerState,
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  tls: z.boolean(),
  connections: z.number().int(),
  lastError: z.string().nullable(),
  lastMessageAt: z.number().nullable(),
  counters: z.object({
    connectionsAccepted: z.number().int(),
    connectionsRefused: z.number().int(),
    frames: z.number().int(),
    oversizeFrames: z.number().int(),
    truncatedFrames: z.number().int(),
    noiseBytes: z.number().int(),
    repliesSent: z.number().int(),
    idleTimeouts: z.number().int(),
    received: z.number().int(),
    accepted: z.number().int(),
    duplicates: z.number().int(),
    errors: z.number().int(),
    rejected: z.number().int(),
    acknowledgementsIgnored: z.number().int(),
    unanswered: z.number().int(),
  }),
});
export type Hl7Status = z.infer<typeof Hl7Status>;
