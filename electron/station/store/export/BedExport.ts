/**
 * Exports one bed's stored data for a time range into a file: numerics as CSV, waveforms as
 * EDF+. Reads go through the read-only query connection a window at a time, with a file write
 * (and so a turn of the event loop) between windows: a 96-hour export never holds the engine's
 * thread for long, and memory stays at one window.
 */
import { open, rm, type FileHandle } from 'node:fs/promises';
import { mdcTerm } from '../../../contract/mdc.js';
import type { StoredWaveChunk, StoredWaveFormat, StoreQueries } from '../StoreQueries.js';
import {
  edfHeader,
  edfNumber,
  edfRecord,
  EdfError,
  recordSecondsFor,
  type CivilTime,
  type EdfAnnotation,
  type EdfLayout,
  type EdfSignal,
} from './EdfWriter.js';
import { CSV_HEADER, csvLine, observationCsvLine } from './NumericsCsv.js';

export interface ExportRange {
  bed: string;
  from: number;
  to: number;
}

export interface ExportSource {
  /** The unit's name, when known (the command line reads no configuration). */
  stationName: string | null;
  stationVersion: string;
}

export interface ExportOutcome {
  bytes: number;
  /** CSV rows, or EDF data records. */
  items: number;
}

const CSV_WINDOW_MS = 10 * 60_000;
/** EDF records read and written per window: about a minute of every wave. */
const EDF_WINDOW_SECONDS = 60;
/** Room for the record's time and a few "No data" notes; more wait for the next records. */
const ANNOTATION_BYTES = 256;
/** Marks a sample the station has no data for; far off any physiological scale. */
const NO_DATA = -32768;

export async function exportNumericsCsv(
  queries: StoreQueries,
  range: ExportRange,
  file: string,
): Promise<ExportOutcome> {
  return withFile(file, async (out) => {
    let bytes = await write(out, csvLine(CSV_HEADER));
    let items = 0;
    for (let start = range.from; start < range.to; start += CSV_WINDOW_MS) {
      const end = Math.min(range.to, start + CSV_WINDOW_MS);
      const rows = queries.observations(range.bed, start, end);
      if (rows.length === 0) continue;
      bytes += await write(out, rows.map((row) => observationCsvLine(range.bed, row)).join(''));
      items += rows.length;
    }
    return { bytes, items };
  });
}

/** One EDF signal: a stored wave format and how it appears in the file. */
interface SignalPlan {
  format: StoredWaveFormat;
  edf: EdfSignal;
}

export async function exportWavesEdf(
  queries: StoreQueries,
  range: ExportRange,
  file: string,
  source: ExportSource,
): Promise<ExportOutcome> {
  const formats = queries.waveFormats(range.bed, range.from, range.to);
  if (formats.length === 0) {
    throw new EdfError(`bed ${range.bed} has no stored waveforms in that time range`);
  }
  const recordSeconds = recordSecondsFor(formats.map((f) => f.sampleRate));
  const start = Math.floor(range.from / 1000) * 1000;
  const recordMs = recordSeconds * 1000;
  const recordCount = Math.ceil((range.to - start) / recordMs);
  const plans = planSignals(formats, recordSeconds);
  const layout: EdfLayout = {
    patient: { code: null, sex: null, birthDate: null, name: null, extra: [`bed_${range.bed}`] },
    recording: {
      start: localCivilTime(start),
      adminCode: null,
      technician: null,
      equipment: `Ward_Station_${source.stationVersion}`,
      extra: [
        ...(source.stationName === null ? [] : [source.stationName]),
        ...(formats.some((f) => f.demo) ? ['DEMO'] : []),
      ],
    },
    recordCount,
    recordSeconds,
    signals: plans.map((p) => p.edf),
    annotationBytes: ANNOTATION_BYTES,
  };
  const gaps = new GapTracker(plans.length, start, range);
  return withFile(file, async (out) => {
    let bytes = await write(out, edfHeader(layout));
    let pending: EdfAnnotation[] = [];
    const recordsPerWindow = Math.max(1, Math.floor(EDF_WINDOW_SECONDS / recordSeconds));
    for (let first = 0; first < recordCount; first += recordsPerWindow) {
      const count = Math.min(recordsPerWindow, recordCount - first);
      const windowStart = start + first * recordMs;
      const chunks = queries.waveChunks(range.bed, windowStart, windowStart + count * recordMs);
      const windowSamples = plans.map((plan, i) => {
        const filled = fillWindow(plan, chunks, windowStart, count);
        gaps.scan(i, plan, filled.covered, windowStart);
        return filled.samples;
      });
      pending.push(...gaps.closed(plans));
      const records: Uint8Array[] = [];
      for (let r = 0; r < count; r++) {
        const perSignal = windowSamples.map((samples, i) => {
          const n = plans[i]!.edf.samplesPerRecord;
          return samples.subarray(r * n, (r + 1) * n);
        });
        if (first + r === recordCount - 1) pending.push(...gaps.finish(plans));
        const record = edfRecord(layout, first + r, perSignal, pending);
        pending = record.leftOver;
        records.push(record.bytes);
      }
      bytes += await write(out, Buffer.concat(records));
    }
    if (pending.length > 0) {
      throw new EdfError(`${pending.length} "No data" notes did not fit into the file`);
    }
    return { bytes, items: recordCount };
  });
}

function planSignals(formats: readonly StoredWaveFormat[], recordSeconds: number): SignalPlan[] {
  const labels = new Map<string, number>();
  return formats.map((format) => {
    const base = edfLabel(format.code);
    const seen = (labels.get(base) ?? 0) + 1;
    labels.set(base, seen);
    const physicalMin = NO_DATA * format.scale + format.offset;
    const physicalMax = 32767 * format.scale + format.offset;
    return {
      format,
      edf: {
        label: seen === 1 ? base : `${base.slice(0, 13)} ${seen}`,
        transducer: '',
        physicalDimension: edfDimension(format.unit),
        physicalMin: edfNumber(physicalMin),
        physicalMax: edfNumber(physicalMax),
        digitalMin: NO_DATA,
        digitalMax: 32767,
        prefiltering: '',
        samplesPerRecord: Math.round(format.sampleRate * recordSeconds),
      },
    };
  });
}

/** EDF+ standard texts where there is one ("ECG II", "Resp"), else the MDC label. */
export function edfLabel(code: number): string {
  const term = mdcTerm(code);
  if (!term) return `MDC ${code}`;
  const ascii = term.label.normalize('NFKD').replace(/[^\x20-\x7e]/g, '');
  const isEcgLead = term.refid.startsWith('MDC_ECG_ELEC_POTL');
  const label = isEcgLead && ascii !== 'ECG' ? `ECG ${ascii}` : ascii;
  return label.slice(0, 16);
}

/** UCUM → the EDF+ physical dimension texts; dimensionless waves have none. */
export function edfDimension(ucum: string): string {
  if (ucum === 'mm[Hg]') return 'mmHg';
  if (ucum === 'Cel') return 'degC';
  if (ucum === '1' || ucum.startsWith('{')) return '';
  return /^[\x20-\x7e]{1,8}$/.test(ucum) ? ucum : '';
}

/** The samples of `count` records of one signal, and which of them the store had. */
function fillWindow(
  plan: SignalPlan,
  chunks: readonly StoredWaveChunk[],
  windowStart: number,
  count: number,
): { samples: Int16Array; covered: Uint8Array } {
  const length = plan.edf.samplesPerRecord * count;
  const samples = new Int16Array(length).fill(NO_DATA);
  const covered = new Uint8Array(length);
  const { format } = plan;
  for (const chunk of chunks) {
    if (!sameFormat(chunk, format)) continue;
    const first = Math.round(((chunk.t0 - windowStart) * format.sampleRate) / 1000);
    const from = Math.max(0, -first);
    const to = Math.min(chunk.samples.length, length - first);
    if (to <= from) continue;
    samples.set(chunk.samples.subarray(from, to), first + from);
    covered.fill(1, first + from, first + to);
  }
  return { samples, covered };
}

function sameFormat(chunk: StoredWaveChunk, format: StoredWaveFormat): boolean {
  return (
    chunk.code === format.code &&
    chunk.sampleRate === format.sampleRate &&
    chunk.scale === format.scale &&
    chunk.offset === format.offset &&
    chunk.unit === format.unit
  );
}

/** Turns runs of missing samples into "No data" annotations, across window edges. */
class GapTracker {
  /** Per signal: time (ms) the current gap started, or null while data flows. */
  private readonly openSince: (number | null)[];
  private readonly done: { signal: number; from: number; to: number }[] = [];

  constructor(
    signals: number,
    private readonly fileStart: number,
    private readonly range: ExportRange,
  ) {
    this.openSince = Array.from({ length: signals }, () => null);
  }

  scan(signal: number, plan: SignalPlan, covered: Uint8Array, windowStart: number): void {
    const periodMs = 1000 / plan.format.sampleRate;
    for (let i = 0; i < covered.length; i++) {
      const time = windowStart + i * periodMs;
      if (time < this.range.from) continue;
      if (time >= this.range.to) break;
      const since = this.openSince[signal] ?? null;
      if (covered[i] === 0 && since === null) this.openSince[signal] = time;
      if (covered[i] === 1 && since !== null) {
        this.done.push({ signal, from: since, to: time });
        this.openSince[signal] = null;
      }
    }
  }

  closed(plans: readonly SignalPlan[]): EdfAnnotation[] {
    const annotations = this.done.map((gap) => this.annotation(plans, gap));
    this.done.length = 0;
    return annotations;
  }

  finish(plans: readonly SignalPlan[]): EdfAnnotation[] {
    this.openSince.forEach((since, signal) => {
      if (since !== null) this.done.push({ signal, from: since, to: this.range.to });
      this.openSince[signal] = null;
    });
    return this.closed(plans);
  }

  private annotation(
    plans: readonly SignalPlan[],
    gap: { signal: number; from: number; to: number },
  ): EdfAnnotation {
    return {
      onset: (gap.from - this.fileStart) / 1000,
      duration: (gap.to - gap.from) / 1000,
      text: `No data ${plans[gap.signal]!.edf.label}`,
    };
  }
}

/** EDF keeps the wall-clock time where it was recorded: the station's local time. */
export function localCivilTime(time: number): CivilTime {
  const date = new Date(time);
  return {
    year: date.getFullYear(),
    month: date.getMonth() + 1,
    day: date.getDate(),
    hour: date.getHours(),
    minute: date.getMinutes(),
    second: date.getSeconds(),
  };
}

async function withFile(
  file: string,
  work: (out: FileHandle) => Promise<ExportOutcome>,
): Promise<ExportOutcome> {
  // 'wx': an export never overwrites a file that is already there.
  const out = await open(file, 'wx');
  try {
    const outcome = await work(out);
    await out.sync();
    await out.close();
    return outcome;
  } catch (error) {
    // Half a file would look like a complete export to whoever opens it later.
    await out.close();
    await rm(file, { force: true });
    throw error;
  }
}

async function write(out: FileHandle, data: string | Uint8Array): Promise<number> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  await out.write(bytes);
  return bytes.byteLength;
}
