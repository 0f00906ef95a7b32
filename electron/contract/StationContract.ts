/**
 * Every call and event between the station engine and its clients. The renderer, the preload
 * bridge, the headless gateway and the tests all import this one object.
 */
import { z } from 'zod';
import { defineContract } from './definition.js';
import {
  Alarm,
  AlarmSignalState,
  Bed,
  BedId,
  BedLimit,
  DeviceLinkStatus,
  EngineDiagnostics,
  Infusion,
  Observation,
  ParameterLimits,
  RecordingFileName,
  RecordingInfo,
  ReplayEndpoint,
  SerialPortListing,
  StationInfo,
  WaveStream,
  AlarmKind,
  AlarmPriority,
  DisclosurePage,
  ExportedFile,
  LinkCounterSnapshot,
  Trend,
  CensusBed,
  Hl7Status,
} from './domain.js';

const NoInput = z.object({}).strict();

const Time = z.number().int().min(0);
const MAX_TREND_BUCKETS = 10_000;
const MAX_EXPORT_MS = 7 * 24 * 3_600_000;

/** A bed and a time range of at most `maxMs`, for review and export. */
function bedRange(maxMs: number) {
  return z
    .object({ bed: BedId, from: Time, to: Time })
    .strict()
    .refine((r) => r.to > r.from, { message: 'to must be after from', path: ['to'] })
    .refine((r) => r.to - r.from <= maxMs, {
      message: `a range may span at most ${maxMs / 3_600_000} h`,
      path: ['to'],
    });
}

export const stationContract = defineContract({
  calls: {
    'station.info': {
      description: 'Name, version, start time and engine restart count of this station.',
      input: NoInput,
      output: StationInfo,
    },
    'station.diagnostics': {
      description: 'CPU, memory and event-loop delay of the engine process.',
      input: NoInput,
      output: EngineDiagnostics,
    },
    'beds.list': {
      description: 'Every bed of the unit in display order.',
      input: NoInput,
      output: z.array(Bed),
    },
    'observations.latest': {
      description: 'The newest observation per bed and code, optionally for one bed only.',
      input: z.object({ bed: BedId.optional() }).strict(),
      output: z.array(Observation),
    },
    'waves.streams': {
      description: 'The catalogue of live wave streams that binary wave frames refer to.',
      input: NoInput,
      output: z.array(WaveStream),
    },
    'alarms.active': {
      description: 'Alarms that are not ended, newest first.',
      input: NoInput,
      output: z.array(Alarm),
    },
    'alarms.acknowledge': {
      description: 'Acknowledge an alarm: its sound stops; a latched alarm ends.',
      input: z.object({ id: z.string().min(1).max(300) }).strict(),
      output: z.null(),
    },
    'alarms.pauseAudio': {
      description: 'AUDIO PAUSED for the whole station, or one bed, for the unit’s pause time.',
      input: z.object({ bed: BedId.nullable().default(null) }).strict(),
      output: AlarmSignalState,
    },
    'alarms.resumeAudio': {
      description: 'End AUDIO PAUSED (station or bed) before its time runs out.',
      input: z.object({ bed: BedId.nullable().default(null) }).strict(),
      output: AlarmSignalState,
    },
    'alarms.signals': {
      description: 'What the station’s alarm sound is doing and why.',
      input: NoInput,
      output: AlarmSignalState,
    },
    'limits.get': {
      description: 'The alarm limits of one bed, per parameter.',
      input: z.object({ bed: BedId }).strict(),
      output: z.array(BedLimit),
    },
    'limits.set': {
      description: 'Change one parameter’s alarm limits on one bed.',
      input: z
        .object({ bed: BedId, code: z.number().int().positive(), limits: ParameterLimits })
        .strict(),
      output: z.array(BedLimit),
    },
    'links.list': {
      description: 'Every device link with its state and counters.',
      input: NoInput,
      output: z.array(DeviceLinkStatus),
    },
    'infusions.list': {
      description: 'The last reported state of every pump channel, optionally for one bed.',
      input: z.object({ bed: BedId.optional() }).strict(),
      output: z.array(Infusion),
    },
    'links.startRecording': {
      description:
        'Start recording every raw byte of a link, both ways, to a file in the data dir.',
      input: z.object({ link: z.string().min(1).max(64) }).strict(),
      output: RecordingInfo,
    },
    'links.stopRecording': {
      description: 'Stop recording a link and close its file.',
      input: z.object({ link: z.string().min(1).max(64) }).strict(),
      output: RecordingInfo,
    },
    'recordings.list': {
      description: 'Every raw link recording in the data dir, newest first.',
      input: NoInput,
      output: z.array(RecordingInfo),
    },
    'recordings.replay': {
      description:
        'Serve a recording as a simulated device on a loopback TCP port, at its original timing.',
      input: z
        .object({
          file: RecordingFileName,
          /** 2 replays twice as fast. */
          speed: z.number().min(0.1).max(100).default(1),
          loop: z.boolean().default(false),
        })
        .strict(),
      output: ReplayEndpoint,
    },
    'recordings.stopReplay': {
      description: 'Stop serving a replay; its connections close.',
      input: z.object({ port: z.number().int().min(1).max(65535) }).strict(),
      output: z.null(),
    },
    'serialPorts.list': {
      description:
        'Serial ports the OS lists (ptys never are; a typed-in path is always allowed), with a warning when the list may be incomplete.',
      input: NoInput,
      output: SerialPortListing,
    },
    'trends.get': {
      description:
        'Min, max and median per time bucket of a bed’s numerics (1 h to 30 d; long ranges from one-minute summaries).',
      input: z
        .object({
          bed: BedId,
          from: Time,
          to: Time,
          bucketMs: z.number().int().min(1_000),
          codes: z.array(z.number().int().nonnegative()).max(64).optional(),
        })
        .strict()
        .refine((q) => q.to > q.from, { message: 'to must be after from', path: ['to'] })
        .refine((q) => (q.to - q.from) / q.bucketMs <= MAX_TREND_BUCKETS, {
          message: `at most ${MAX_TREND_BUCKETS} buckets: choose a longer bucket`,
          path: ['bucketMs'],
        }),
      output: Trend,
    },
    'disclosure.page': {
      description: 'Every stored wave of a bed for `seconds` from `at` (full disclosure review).',
      input: z
        .object({ bed: BedId, at: Time, seconds: z.number().positive().max(30).default(10) })
        .strict(),
      output: DisclosurePage,
    },
    'alarms.history': {
      description: 'Stored alarms overlapping a time range, newest first, filtered.',
      input: z
        .object({
          bed: BedId.optional(),
          priorities: z.array(AlarmPriority).max(3).optional(),
          kind: AlarmKind.optional(),
          from: Time.optional(),
          to: Time.optional(),
          limit: z.number().int().min(1).max(1_000).default(200),
        })
        .strict(),
      output: z.array(Alarm),
    },
    'links.counters': {
      description: 'Saved per-minute snapshots of device link counters, newest first.',
      input: z
        .object({
          link: z.string().min(1).max(64).optional(),
          from: Time,
          to: Time,
          limit: z.number().int().min(1).max(10_000).default(1_440),
        })
        .strict(),
      output: z.array(LinkCounterSnapshot),
    },
    'export.csv': {
      description: 'Write a bed’s numerics for a time range as CSV into the station’s exports.',
      input: bedRange(MAX_EXPORT_MS),
      output: ExportedFile,
    },
    'export.edf': {
      description: 'Write a bed’s waveforms for a time range as EDF+ into the station’s exports.',
      input: bedRange(MAX_EXPORT_MS),
      output: ExportedFile,
    },
    'census.list': {
      description:
        'Every bed with its ADT patient (or none) and the HL7 devices feeding it, flagged unassociated while the bed has no patient; beds HL7 named that the station does not have are listed too.',
      input: NoInput,
      output: z.array(CensusBed),
    },
    'hl7.status': {
      description: 'The HL7 MLLP listener: state, address, connections and message counters.',
      input: NoInput,
      output: Hl7Status,
    },
  },
  events: {
    observations: {
      description: 'New observations, batched per display frame.',
      data: z.array(Observation),
    },
    'alarms.changed': {
      description: 'The full list of alarms that are not ended, after any change.',
      data: z.array(Alarm),
    },
    'links.changed': {
      description: 'Device links whose state or counters changed.',
      data: z.array(DeviceLinkStatus),
    },
    'infusions.changed': {
      description: 'Pump channels whose reported state changed.',
      data: z.array(Infusion),
    },
    'alarms.signalsChanged': {
      description:
        'The alarm sound state after any change (new alarm, acknowledge, pause, expiry).',
      data: AlarmSignalState,
    },
    'waves.streamsChanged': {
      description: 'The wave stream catalogue after a stream was added or removed.',
      data: z.array(WaveStream),
    },
  },
});

export type StationContract = typeof stationContract;
