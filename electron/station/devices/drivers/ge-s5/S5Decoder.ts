/**
 * GE S/5 records → observations and wave segments, and the session that asks the monitor for
 * them: the S/5 sends nothing until it is asked, and stops sending waves on its own (after a
 * flow-control stall of 2 s), so the decoder asks on connect and asks again when data stops.
 *
 * Times are the station's arrival times. The monitor's r_time is parsed but not used: it is set
 * by hand on each monitor, has no time zone and one-second resolution, and every other device on
 * the station is timed by the same station clock.
 */
import type { Observation, ObservationStatus, WaveSegment } from '../../../../contract/domain.js';
import { Mdc, type MdcTerm } from '../../../../contract/mdc.js';
import type {
  DecodedBatch,
  DecoderContext,
  DecoderCounters,
  DeviceDecoder,
  DeviceIo,
} from '../DeviceDriver.js';
import { S5Framer, encodeS5Frame, type ReceivedS5Frame } from './S5FrameCodec.js';
import { ecgWaveTerm, heartRateTerm, pressureTerms } from './S5Nomenclature.js';
import {
  S5Co2,
  S5Ecg,
  S5MainType,
  S5PhysiologicalType,
  S5Pressure,
  S5SpO2,
  S5Wave,
  S5_BASIC_CLASS_ONLY,
  S5_GROUP_ACTIVE,
  S5_GROUP_EXISTS,
  S5_LOWEST_VALID_VALUE,
  S5_WAVE_RATES,
  S5_WAVE_STATUS_GAP,
  buildS5Request,
  readS5BasicClass,
  readS5Header,
  readS5WaveSubrecords,
  type S5BasicClass,
  type S5Group,
  type S5WaveSubrecord,
} from './S5RecordCodec.js';

/** ECG1 300 + INVP1 100 + PLETH 100 + CO2 25 + RESP 25 = 550 of the 600 samples/s the S/5 sends. */
export const S5_REQUESTED_WAVES: readonly number[] = [
  S5Wave.ECG1,
  S5Wave.INVP1,
  S5Wave.PLETH,
  S5Wave.CO2,
  S5Wave.RESP,
];
/** The shortest interval the monitor accepts for the displayed values. */
export const S5_NUMERICS_INTERVAL_S = 5;
/** Three numerics intervals without a record: ask again. */
const NUMERICS_RETRY_MS = 15_000;
/** Waves come at least once a second; five silent seconds mean the monitor stopped them. */
const WAVES_RETRY_MS = 5_000;
/** Serial ports deliver in bursts; only silence beyond this counts as lost samples. */
const SILENCE_TOLERANCE_MS = 2_000;

/** wf samples at or below -32000 are control codes; numerics below -32000 are flags. */
const LOWEST_WAVE_SAMPLE = S5_LOWEST_VALID_VALUE + 1;

const ECG_NOISE = 1 << 7;
const ECG_ARTIFACT = 1 << 8;
const CO2_CALIBRATING = 1 << 3;
const CO2_ZEROING = 1 << 4;
/** NIBP label bit 8: the measurement ended more than 60 s ago. */
const NIBP_OLDER_THAN_60_S = 1 << 8;

/** Most S/5 values are in hundredths of their unit. */
const HUNDREDTHS = 100;
const WAVE_SCALE_HUNDREDTHS = 0.01;

interface WaveFormat {
  term: (labels: ChannelLabels) => MdcTerm;
  scale: number;
  unit: string;
}

interface ChannelLabels {
  ecg: number | null;
  p1: number | null;
}

/** Units per DRI spec table 5-3: ECG µV, pressures 1/100 mmHg, pleth, CO2 1/100 %, resp 1/100 Ω. */
const WAVE_FORMATS: ReadonlyMap<number, WaveFormat> = new Map<number, WaveFormat>([
  [S5Wave.ECG1, { term: (l) => ecgWaveTerm(l.ecg), scale: 0.001, unit: 'mV' }],
  [
    S5Wave.INVP1,
    { term: (l) => pressureTerms(l.p1).wave, scale: WAVE_SCALE_HUNDREDTHS, unit: 'mm[Hg]' },
  ],
  [S5Wave.PLETH, { term: () => Mdc.Pleth, scale: WAVE_SCALE_HUNDREDTHS, unit: '%' }],
  [S5Wave.CO2, { term: () => Mdc.Co2Wave, scale: WAVE_SCALE_HUNDREDTHS, unit: '%' }],
  [S5Wave.RESP, { term: () => Mdc.RespImpedanceWave, scale: WAVE_SCALE_HUNDREDTHS, unit: 'Ohm' }],
]);

interface WaveChannel {
  nextSeq: number;
  /** Arrival time of the push that brought this channel's latest sample. */
  lastAt: number | null;
}

interface Run {
  type: number;
  term: MdcTerm;
  seq: number;
  samples: number[];
}

interface WaveRecord {
  subrecords: S5WaveSubrecord[];
  /** Bytes were lost between the previous wave record and this one. */
  lossBefore: boolean;
}

/** The physical value, or null for the flags below -32000 (invalid, not updated, out of range…). */
function valueOf(raw: number | undefined, divisor = 1): number | null {
  if (raw === undefined || raw < S5_LOWEST_VALID_VALUE) return null;
  return raw / divisor;
}

/** EtCO2 in mmHg from et (1/100 %) and the ambient pressure (1/10 mmHg), to 0.1 mmHg. */
function etCo2MmHg(et: number | null, ambient: number | null): number | null {
  if (et === null || ambient === null) return null;
  return Math.round((et * ambient) / 10_000) / 10;
}

function exists(group: S5Group): boolean {
  return (group.status & S5_GROUP_EXISTS) !== 0;
}

export class S5Decoder implements DeviceDecoder {
  private readonly framer = new S5Framer();
  private readonly stats: DecoderCounters = {
    frames: 0,
    checksumErrors: 0,
    discardedBytes: 0,
    decodedSamples: 0,
    sampleGaps: 0,
  };
  private readonly channels = new Map<number, WaveChannel>();
  private labels: ChannelLabels = { ecg: null, p1: null };
  private lossPending = false;
  private hadFrame = false;
  private sessionOpen = false;
  private numericsAskedAt = 0;
  private wavesAskedAt = 0;
  private lastNumericsAt = 0;
  private lastWavesAt = 0;
  /** The NIBP reading last reported, so a held value is not charted again every 5 s. */
  private lastNibp: { key: string; older: boolean } | null = null;

  constructor(
    private readonly context: DecoderContext,
    private readonly io: DeviceIo,
  ) {}

  get counters(): Readonly<DecoderCounters> {
    return this.stats;
  }

  get associating(): boolean {
    return this.sessionOpen && !this.hadFrame;
  }

  connected(now: number): void {
    this.sessionOpen = true;
    this.askForNumerics(now);
    this.askForWaves(now);
  }

  tick(now: number): void {
    if (!this.sessionOpen) return;
    if (now - Math.max(this.numericsAskedAt, this.lastNumericsAt) >= NUMERICS_RETRY_MS) {
      this.askForNumerics(now);
    }
    if (now - Math.max(this.wavesAskedAt, this.lastWavesAt) >= WAVES_RETRY_MS) {
      this.askForWaves(now);
    }
  }

  push(bytes: Uint8Array, receivedAt: number): DecodedBatch {
    const frames = this.framer.push(bytes);
    const observations: Observation[] = [];
    const waveRecords: WaveRecord[] = [];
    for (const frame of frames) this.take(frame, receivedAt, observations, waveRecords);
    const waves = this.segments(waveRecords, receivedAt);
    if (waveRecords.length > 0) this.lastWavesAt = receivedAt;
    this.syncFramerCounters();
    return { observations, waves };
  }

  private askForNumerics(now: number): void {
    this.numericsAskedAt = now;
    this.send(
      buildS5Request({
        kind: 'numerics',
        recordType: S5PhysiologicalType.DISPLAYED,
        intervalSeconds: S5_NUMERICS_INTERVAL_S,
        classMask: S5_BASIC_CLASS_ONLY,
      }),
    );
  }

  private askForWaves(now: number): void {
    this.wavesAskedAt = now;
    this.send(buildS5Request({ kind: 'waves', start: true, waves: [...S5_REQUESTED_WAVES] }));
  }

  private send(record: Uint8Array): void {
    this.io.send(encodeS5Frame(record));
  }

  private take(
    frame: ReceivedS5Frame,
    receivedAt: number,
    observations: Observation[],
    waveRecords: WaveRecord[],
  ): void {
    // Bytes skipped before the very first frame are the tail of a frame we joined late.
    if (frame.discardedBefore > 0 && this.hadFrame) this.lossPending = true;
    this.hadFrame = true;
    const header = readS5Header(frame.record);
    if (header === null) return;
    if (header.mainType === S5MainType.PHYSIOLOGICAL) {
      const basic = readS5BasicClass(frame.record, header);
      if (basic === null) return;
      this.lastNumericsAt = receivedAt;
      observations.push(...this.numerics(basic.groups, receivedAt));
    } else if (header.mainType === S5MainType.WAVE) {
      waveRecords.push({
        subrecords: readS5WaveSubrecords(frame.record, header),
        lossBefore: this.lossPending,
      });
      this.lossPending = false;
    }
  }

  private numerics(groups: S5BasicClass, time: number): Observation[] {
    const out: Observation[] = [];
    const { ecg, p1, nibp, t1, spo2, co2 } = groups;
    const add = (term: MdcTerm, value: number | null, status: ObservationStatus): void => {
      out.push(this.observation(term, value, status, time));
    };
    if (exists(ecg)) {
      this.labels = { ...this.labels, ecg: ecg.label };
      const status = this.groupStatus(ecg, ECG_NOISE | ECG_ARTIFACT);
      add(heartRateTerm(ecg.status), valueOf(ecg.values[S5Ecg.HR]), status);
      add(Mdc.RespRateImpedance, valueOf(ecg.values[S5Ecg.IMPEDANCE_RR]), status);
    }
    if (exists(p1)) {
      this.labels = { ...this.labels, p1: p1.label };
      const terms = pressureTerms(p1.label);
      const status = this.groupStatus(p1, 0);
      add(terms.sys, valueOf(p1.values[S5Pressure.SYS], HUNDREDTHS), status);
      add(terms.dia, valueOf(p1.values[S5Pressure.DIA], HUNDREDTHS), status);
      add(terms.mean, valueOf(p1.values[S5Pressure.MEAN], HUNDREDTHS), status);
    }
    if (exists(nibp) && this.isNewNibp(nibp)) {
      const status = this.groupStatus(nibp, 0);
      add(Mdc.NibpSys, valueOf(nibp.values[S5Pressure.SYS], HUNDREDTHS), status);
      add(Mdc.NibpDia, valueOf(nibp.values[S5Pressure.DIA], HUNDREDTHS), status);
      add(Mdc.NibpMean, valueOf(nibp.values[S5Pressure.MEAN], HUNDREDTHS), status);
    }
    if (exists(t1)) {
      add(Mdc.Temperature, valueOf(t1.values[0], HUNDREDTHS), this.groupStatus(t1, 0));
    }
    if (exists(spo2)) {
      const status = this.groupStatus(spo2, 0);
      add(Mdc.SpO2, valueOf(spo2.values[S5SpO2.SPO2], HUNDREDTHS), status);
      add(Mdc.PulseRateOximeter, valueOf(spo2.values[S5SpO2.PULSE_RATE]), status);
    }
    if (exists(co2)) {
      const status = this.groupStatus(co2, CO2_CALIBRATING | CO2_ZEROING);
      const et = valueOf(co2.values[S5Co2.ET]);
      const ambient = valueOf(co2.values[S5Co2.AMBIENT_PRESSURE]);
      add(Mdc.EtCo2, etCo2MmHg(et, ambient), status);
      add(Mdc.RespRateCo2, valueOf(co2.values[S5Co2.RR]), status);
    }
    return out;
  }

  /** An inactive measurement's values are not shown; the given status bits make them doubtful. */
  private groupStatus(group: S5Group, questionableBits: number): ObservationStatus {
    if ((group.status & S5_GROUP_ACTIVE) === 0) return 'invalid';
    return (group.status & questionableBits) !== 0 ? 'questionable' : 'valid';
  }

  /**
   * NIBP is intermittent and the monitor repeats its last reading in every record. A reading is
   * new when its values change, or when the "older than 60 s" flag clears (a new measurement
   * that happened to give the same values).
   */
  private isNewNibp(nibp: S5Group): boolean {
    const key = nibp.values.slice(0, 3).join(',');
    const older = (nibp.label & NIBP_OLDER_THAN_60_S) !== 0;
    const previous = this.lastNibp;
    this.lastNibp = { key, older };
    return previous === null || previous.key !== key || (previous.older && !older);
  }

  private observation(
    term: MdcTerm,
    value: number | null,
    status: ObservationStatus,
    time: number,
  ): Observation {
    const shown = status === 'invalid' ? null : value;
    return {
      bed: this.context.bed,
      device: this.context.device,
      code: term.code,
      value: shown,
      unit: term.ucum,
      time,
      status: shown === null ? 'invalid' : status,
      demo: this.context.demo,
    };
  }

  /**
   * Sample numbering per wave. Loss is known from the wave header's gap bit and from bytes lost
   * between wave records; how many samples it cost is estimated from the time since the channel's
   * previous samples arrived. Silence beyond the tolerance also counts. Control-code samples
   * (lead off, not calibrated…) are not drawn: they leave a gap in `seq`.
   */
  private segments(records: WaveRecord[], receivedAt: number): WaveSegment[] {
    const unexplained = this.unexplainedSamples(records, receivedAt);
    const runs: Run[] = [];
    const seen = new Set<number>();
    for (const record of records) {
      for (const sub of record.subrecords) {
        const format = WAVE_FORMATS.get(sub.type);
        const rate = S5_WAVE_RATES.get(sub.type);
        if (format === undefined || rate === undefined) continue;
        const channel = this.channels.get(sub.type) ?? { nextSeq: 0, lastAt: null };
        this.channels.set(sub.type, channel);
        const first = !seen.has(sub.type);
        seen.add(sub.type);
        const budget = unexplained.get(sub.type) ?? 0;
        const lost = this.lostBefore(sub, record.lossBefore, first, budget, rate, channel);
        unexplained.set(sub.type, Math.max(0, budget - lost));
        if (lost > 0) {
          channel.nextSeq += lost;
          this.stats.sampleGaps += 1;
        }
        this.addSamples(runs, sub, format.term(this.labels), channel);
      }
    }
    for (const type of seen) {
      const channel = this.channels.get(type);
      if (channel !== undefined) channel.lastAt = receivedAt;
    }
    return runs.map((run) => this.segment(run, receivedAt));
  }

  /** Per wave: samples the elapsed time says should have arrived in this push, minus those that did. */
  private unexplainedSamples(records: WaveRecord[], receivedAt: number): Map<number, number> {
    const arrived = new Map<number, number>();
    for (const record of records) {
      for (const sub of record.subrecords) {
        arrived.set(sub.type, (arrived.get(sub.type) ?? 0) + sub.samples.length);
      }
    }
    const unexplained = new Map<number, number>();
    for (const [type, count] of arrived) {
      const lastAt = this.channels.get(type)?.lastAt ?? null;
      const rate = S5_WAVE_RATES.get(type);
      if (lastAt === null || rate === undefined) continue;
      const expected = Math.round(((receivedAt - lastAt) * rate) / 1000);
      unexplained.set(type, Math.max(0, expected - count));
    }
    return unexplained;
  }

  private lostBefore(
    sub: S5WaveSubrecord,
    lossBefore: boolean,
    firstInPush: boolean,
    unexplained: number,
    rate: number,
    channel: WaveChannel,
  ): number {
    if (channel.nextSeq === 0) return 0;
    const gapFlagged = (sub.status & S5_WAVE_STATUS_GAP) !== 0;
    if (gapFlagged || lossBefore) return Math.max(gapFlagged ? 1 : 0, unexplained);
    const silence = (unexplained * 1000) / rate;
    return firstInPush && silence > SILENCE_TOLERANCE_MS ? unexplained : 0;
  }

  private addSamples(runs: Run[], sub: S5WaveSubrecord, term: MdcTerm, channel: WaveChannel): void {
    let run = runs.findLast((r) => r.type === sub.type);
    let inControlCodes = false;
    for (const sample of sub.samples) {
      if (sample < LOWEST_WAVE_SAMPLE) {
        if (!inControlCodes) this.stats.sampleGaps += 1;
        inControlCodes = true;
        channel.nextSeq += 1;
        continue;
      }
      inControlCodes = false;
      if (
        run === undefined ||
        run.term !== term ||
        run.seq + run.samples.length !== channel.nextSeq
      ) {
        run = { type: sub.type, term, seq: channel.nextSeq, samples: [] };
        runs.push(run);
      }
      run.samples.push(sample);
      channel.nextSeq += 1;
      this.stats.decodedSamples += 1;
    }
  }

  /** The last sample of a wave in this push is taken to have arrived at `receivedAt`. */
  private segment(run: Run, receivedAt: number): WaveSegment {
    const format = WAVE_FORMATS.get(run.type);
    const rate = S5_WAVE_RATES.get(run.type) ?? 1;
    const lastSeq = (this.channels.get(run.type)?.nextSeq ?? 0) - 1;
    return {
      bed: this.context.bed,
      device: this.context.device,
      code: run.term.code,
      sampleRate: rate,
      t0: receivedAt - ((lastSeq - run.seq) * 1000) / rate,
      seq: run.seq,
      samples: Int16Array.from(run.samples),
      scale: format?.scale ?? 1,
      offset: 0,
      unit: format?.unit ?? run.term.ucum,
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
