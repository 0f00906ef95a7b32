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
  StationInfo,
  WaveStream,
} from './domain.js';

const NoInput = z.object({}).strict();

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
