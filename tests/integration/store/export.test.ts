/**
 * Exports read back without the exporter's code: the EDF+ file is taken apart here field by
 * field from the specification's offsets, and, where Debian's python3-mne is installed, read by
 * MNE's EDF reader too; the CSV is parsed as text.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMitBih208 } from '../../../electron/station/devices/simulators/MitBihEcg.js';
import {
  exportNumericsCsv,
  exportWavesEdf,
} from '../../../electron/station/store/export/BedExport.js';
import { StoreQueries } from '../../../electron/station/store/StoreQueries.js';
import { observation, RecordingLog, TempStation, waveSegment } from './storeFixtures.js';

const T0 = 1_777_777_000_000;
const SECONDS = 20;

interface Wave {
  label: string;
  code: number;
  rate: number;
  scale: number;
  unit: string;
  dimension: string;
  samples: Int16Array;
  /** Seconds after T0 with no data. */
  gap: [number, number] | null;
}

const ecg = loadMitBih208('resources').samples.slice(0, 500 * SECONDS);
const waves: Wave[] = [
  {
    label: 'ECG II',
    code: 131330,
    rate: 500,
    scale: 0.005,
    unit: 'mV',
    dimension: 'mV',
    samples: ecg,
    gap: null,
  },
  {
    label: 'Pleth',
    code: 150452,
    rate: 125,
    scale: 1,
    unit: '1',
    dimension: '',
    samples: Int16Array.from({ length: 125 * SECONDS }, (_, i) =>
      Math.round(800 * Math.sin(i / 20)),
    ),
    gap: [6, 8],
  },
  {
    label: 'Resp',
    code: 151780,
    rate: 62.5,
    scale: 0.01,
    unit: 'Ohm',
    dimension: 'Ohm',
    samples: Int16Array.from({ length: 62.5 * SECONDS }, (_, i) => (i * 11) % 400),
    gap: null,
  },
];

let station: TempStation;
let queries: StoreQueries;

beforeEach(() => {
  station = new TempStation();
  const store = station.open();
  for (const wave of waves) {
    // Device frames of 25 samples (50 ms of ECG, 400 ms of respiration).
    const frame = 25;
    for (let i = 0; i < wave.samples.length; i += frame) {
      const t = i / wave.rate;
      if (wave.gap && t >= wave.gap[0] && t < wave.gap[1]) continue;
      store.writeWaves([
        waveSegment({
          code: wave.code,
          sampleRate: wave.rate,
          scale: wave.scale,
          unit: wave.unit,
          t0: T0 + t * 1000,
          seq: i,
          samples: wave.samples.slice(i, i + frame),
        }),
      ]);
    }
  }
  store.writeObservations([
    observation({ time: T0 + 1_500, value: 97 }),
    observation({ time: T0 + 2_500, value: null, status: 'invalid', device: 'link-1/ox,"a"' }),
    observation({ time: T0 + 2_500, code: 149530, unit: '{beat}/min', value: 72.5 }),
    observation({ time: T0 + 30_000, value: 99 }),
  ]);
  store.close();
  queries = StoreQueries.open(station.file, { log: new RecordingLog() });
});

afterEach(() => {
  queries.close();
  station.cleanUp();
});

/** The header as the EDF specification lays it out. */
function parseEdf(bytes: Buffer) {
  const text = (from: number, length: number) =>
    bytes
      .subarray(from, from + length)
      .toString('latin1')
      .trim();
  const ns = Number(text(252, 4));
  const field = (offset: number, width: number) =>
    Array.from({ length: ns }, (_, i) => text(256 + offset * ns + i * width, width));
  const header = {
    version: text(0, 8),
    patient: text(8, 80),
    recording: text(88, 80),
    startDate: text(168, 8),
    startTime: text(176, 8),
    headerBytes: Number(text(184, 8)),
    reserved: text(192, 44),
    records: Number(text(236, 8)),
    recordSeconds: Number(text(244, 8)),
    labels: field(0, 16),
    dimensions: field(96, 8),
    physicalMin: field(104, 8).map(Number),
    physicalMax: field(112, 8).map(Number),
    digitalMin: field(120, 8).map(Number),
    digitalMax: field(128, 8).map(Number),
    samplesPerRecord: field(216, 8).map(Number),
  };
  const recordBytes = header.samplesPerRecord.reduce((n, s) => n + s * 2, 0);
  const signals: number[][] = header.labels.map(() => []);
  const annotations: string[] = [];
  for (let r = 0; r < header.records; r++) {
    let at = header.headerBytes + r * recordBytes;
    header.samplesPerRecord.forEach((count, s) => {
      if (header.labels[s] === 'EDF Annotations') {
        annotations.push(bytes.subarray(at, at + count * 2).toString('latin1'));
      } else {
        for (let k = 0; k < count; k++) signals[s]!.push(bytes.readInt16LE(at + k * 2));
      }
      at += count * 2;
    });
  }
  return { header, signals, annotations, size: bytes.length, recordBytes };
}

/**
 * What the file must hold: every stored sample at the file position nearest its time (a 62.5 Hz
 * stream that started between two file positions lands half a sample early), the no-data mark
 * elsewhere.
 */
function expectedSamples(wave: Wave, fileStart: number, count: number): number[] {
  const expected = new Array<number>(count).fill(-32768);
  const shift = ((fileStart - T0) * wave.rate) / 1000;
  wave.samples.forEach((sample, i) => {
    const t = i / wave.rate;
    if (wave.gap !== null && t >= wave.gap[0] && t < wave.gap[1]) return;
    const position = Math.round(i - shift);
    if (position >= 0 && position < count) expected[position] = sample;
  });
  return expected;
}

function pythonWithMne(): string | null {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(python, ['-c', 'import mne'], { encoding: 'utf8' });
    if (probe.status === 0) return python;
  }
  return null;
}

const MNE_READ = `
import json, sys, mne
raw = mne.io.read_raw_edf(sys.argv[1], preload=True, verbose='error')
ecg = raw.get_data(picks=['ECG II'])[0]
print(json.dumps({
  'channels': raw.ch_names,
  'sfreq': float(raw.info['sfreq']),
  'n_times': int(raw.n_times),
  'annotations': [[float(a['onset']), float(a['duration']), str(a['description'])] for a in raw.annotations],
  'ecg_mv': [float(v) * 1000 for v in ecg[:1000]],
}))
`;

describe('EDF+ export', () => {
  const from = T0 + 1_000;
  const to = T0 + 15_000;

  async function exportEdf(): Promise<{ file: string; records: number }> {
    const file = join(station.dataDir, 'bed-1.edf');
    const outcome = await exportWavesEdf(queries, { bed: 'bed-1', from, to }, file, {
      stationName: 'ICU 4',
      stationVersion: '0.1.0',
    });
    return { file, records: outcome.items };
  }

  it('writes a continuous EDF+ file whose header and records read back to the stored samples', async () => {
    const { file, records } = await exportEdf();
    const edf = parseEdf(readFileSync(file));
    const { header } = edf;

    expect(header.version).toBe('0');
    expect(header.reserved).toBe('EDF+C');
    expect(header.patient).toBe('X X X X bed_bed-1');
    expect(header.recording).toMatch(
      /^Startdate \d{2}-[A-Z]{3}-\d{4} X X Ward_Station_0\.1\.0 ICU_4$/,
    );
    const start = new Date(from);
    const two = (n: number) => String(n).padStart(2, '0');
    expect(header.startDate).toBe(
      `${two(start.getDate())}.${two(start.getMonth() + 1)}.${two(start.getFullYear() % 100)}`,
    );
    expect(header.startTime).toBe(
      `${two(start.getHours())}.${two(start.getMinutes())}.${two(start.getSeconds())}`,
    );
    // 500, 125 and 62.5 Hz need 2-second records for whole samples.
    expect(header.recordSeconds).toBe(2);
    expect(header.records).toBe(7);
    expect(records).toBe(7);
    expect(header.headerBytes).toBe(256 * 5);
    expect(header.labels).toEqual(['ECG II', 'Pleth', 'Resp', 'EDF Annotations']);
    expect(header.dimensions).toEqual(['mV', '', 'Ohm', '']);
    expect(header.samplesPerRecord.slice(0, 3)).toEqual([1000, 250, 125]);
    expect(edf.size).toBe(header.headerBytes + header.records * edf.recordBytes);

    waves.forEach((wave, s) => {
      // Physical range from the stored scale: gain and offset come back exactly.
      const gain =
        (header.physicalMax[s]! - header.physicalMin[s]!) /
        (header.digitalMax[s]! - header.digitalMin[s]!);
      expect(gain).toBeCloseTo(wave.scale, 9);
      expect(header.physicalMax[s]! - gain * header.digitalMax[s]!).toBeCloseTo(0, 6);
      expect(edf.signals[s]).toEqual(expectedSamples(wave, from, 7 * 2 * wave.rate));
    });

    edf.annotations.forEach((annotation, r) => {
      expect(annotation.startsWith(`+${r * 2}\x14\x14\x00`)).toBe(true);
    });
    expect(edf.annotations.join('')).toContain('+5\x152\x14No data Pleth\x14\x00');
    // Past `to` the file's last record is padded, not reported as missing data.
    expect(edf.annotations.join('').match(/No data/g)).toHaveLength(1);
  });

  const python = pythonWithMne();
  it.skipIf(python === null)(
    'reads back in MNE (python3-mne) with the same ECG and notes',
    async () => {
      const { file } = await exportEdf();
      const run = spawnSync(python!, ['-c', MNE_READ, file], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const read = JSON.parse(run.stdout) as {
        channels: string[];
        sfreq: number;
        n_times: number;
        annotations: [number, number, string][];
        ecg_mv: number[];
      };

      expect(read.channels).toEqual(['ECG II', 'Pleth', 'Resp']);
      expect(read.sfreq).toBe(500);
      expect(read.n_times).toBe(7 * 2 * 500);
      expect(read.annotations).toEqual([[5, 2, 'No data Pleth']]);
      const expectedMv = expectedSamples(waves[0]!, from, 1000).map((v) => v * 0.005);
      read.ecg_mv.forEach((value, i) => expect(value).toBeCloseTo(expectedMv[i]!, 6));
    },
  );

  it('refuses a range without waveforms, and never overwrites a file', async () => {
    await expect(
      exportWavesEdf(queries, { bed: 'bed-9', from, to }, join(station.dataDir, 'x.edf'), {
        stationName: null,
        stationVersion: '0.1.0',
      }),
    ).rejects.toThrow('bed bed-9 has no stored waveforms');
    await exportEdf();
    await expect(exportEdf()).rejects.toThrow('EEXIST');
  });
});

describe('CSV export', () => {
  it('writes one row per observation in time order, quoting what needs it', async () => {
    const file = join(station.dataDir, 'bed-1.csv');
    const outcome = await exportNumericsCsv(
      queries,
      { bed: 'bed-1', from: T0, to: T0 + 10_000 },
      file,
    );

    const lines = readFileSync(file, 'utf8').split('\r\n');
    expect(outcome.items).toBe(3);
    expect(lines).toEqual([
      'time,time_ms,bed,mdc_code,mdc_refid,label,value,unit,status,device,demo',
      `${new Date(T0 + 1_500).toISOString()},${T0 + 1_500},bed-1,150456,MDC_PULS_OXIM_SAT_O2,SpO₂,97,%,valid,link-1/ox-1,no`,
      `${new Date(T0 + 2_500).toISOString()},${T0 + 2_500},bed-1,149530,MDC_PULS_OXIM_PULS_RATE,PR,72.5,{beat}/min,valid,link-1/ox-1,no`,
      `${new Date(T0 + 2_500).toISOString()},${T0 + 2_500},bed-1,150456,MDC_PULS_OXIM_SAT_O2,SpO₂,,%,invalid,"link-1/ox,""a""",no`,
      '',
    ]);
  });
});
