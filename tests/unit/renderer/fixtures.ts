import type {
  Alarm,
  DeviceLinkStatus,
  Observation,
  WaveStream,
} from '../../../electron/contract/domain.js';

export function alarm(overrides: Partial<Alarm> = {}): Alarm {
  return {
    id: 'a',
    bed: 'bed-1',
    source: 'station',
    code: 'test',
    text: 'Test alarm',
    priority: 'medium',
    kind: 'physiological',
    state: 'active',
    startedAt: 1_000,
    endedAt: null,
    ...overrides,
  };
}

export function observation(overrides: Partial<Observation> = {}): Observation {
  return {
    bed: 'bed-1',
    device: 'bed-1-spo2',
    code: 150456,
    value: 97,
    unit: '%',
    time: 1_000,
    status: 'valid',
    demo: false,
    ...overrides,
  };
}

export function link(overrides: Partial<DeviceLinkStatus> = {}): DeviceLinkStatus {
  return {
    id: 'bed-1-spo2',
    bed: 'bed-1',
    protocol: 'nonin-format7',
    endpoint: 'tcp 127.0.0.1:4001',
    state: 'streaming',
    lastError: null,
    counters: {
      bytesIn: 0,
      bytesOut: 0,
      frames: 0,
      checksumErrors: 0,
      discardedBytes: 0,
      decodedSamples: 0,
      sampleGaps: 0,
      reconnects: 0,
      lastDataAt: null,
    },
    demo: false,
    ...overrides,
  };
}

export function waveStream(overrides: Partial<WaveStream> = {}): WaveStream {
  return {
    streamId: 0,
    bed: 'bed-1',
    device: 'bed-1-spo2',
    code: 150452,
    label: 'Pleth',
    sampleRate: 75,
    unit: '1',
    scale: 1 / 32768,
    offset: 0.5,
    displayMin: 0,
    displayMax: 1,
    demo: false,
    ...overrides,
  };
}
