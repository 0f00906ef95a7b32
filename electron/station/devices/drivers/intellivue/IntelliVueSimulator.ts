/**
 * A simulated IntelliVue monitor on its MIB/RS232 port. It answers an association request with
 * the association accept and MDS Create event of the real capture, and once the station has
 * answered the MDS Create event it replays the capture's poll results at their original pace
 * (wave polls every 256 ms, numerics every 1.024 s), looping with the monitor clock running on,
 * through a 115,200-baud line pacer. The values are RECORDED from a monitor; lead II can be
 * replaced by another ECG recording (the demo ward's MIT-BIH record).
 */
import type { RecordedEcg } from '../../simulators/MitBihEcg.js';
import type { DeviceSimulator, SimulatorOptions } from '../DeviceDriver.js';
import { LinePacer } from '../shared/LinePacer.js';
import {
  readRelativeTime,
  readSampleArraySpec,
  readSampleArrayValues,
  readScaleRange,
  type SampleArraySpec,
  type ScaleRange,
} from './IntelliVueAttributes.js';
import { concatBytes } from './IntelliVueBytes.js';
import { defaultIntelliVueCapture } from './IntelliVueCapture.js';
import { IntelliVueFramer, encodeIntelliVueFrame } from './IntelliVueFraming.js';
import {
  parseDataExportMessage,
  setPollRelativeTime,
  type ObservationPoll,
  type PollResult,
} from './IntelliVueMessages.js';
import { AttributeId, ObjectClass, TICKS_PER_MS } from './IntelliVueNomenclature.js';

/** 115,200 baud, 8N1: ten bits on the wire per byte. */
export const INTELLIVUE_LINE_BYTES_PER_SECOND = 11_520;
const TICK_MS = 20;
/** Between the end of the capture and its next loop, at least one wave poll interval. */
const MIN_LOOP_PAUSE_MS = 256;
/** ECG lead II (NOM_ECG_ELEC_POTL_II). */
const ECG_LEAD_II = 0x0102;

export interface IntelliVueSimulatorOptions extends SimulatorOptions {
  /** Device→host bytes to replay; the capture in resources/ by default. */
  capture?: Uint8Array;
  /** Replaces ECG lead II in the replayed wave polls, scaled as the monitor scales lead II. */
  ecg?: RecordedEcg;
}

const BOF = 0xc0;
const EOF = 0xc1;

/** Each C0…C1 frame of a clean capture with its user data, in order. */
function captureFrames(capture: Uint8Array): { wire: Uint8Array; userData: Uint8Array }[] {
  const framer = new IntelliVueFramer();
  const frames: { wire: Uint8Array; userData: Uint8Array }[] = [];
  let start = capture.indexOf(BOF);
  while (start >= 0) {
    const end = capture.indexOf(EOF, start);
    if (end < 0) break;
    const wire = capture.subarray(start, end + 1);
    const [userData] = framer.push(wire);
    if (userData) frames.push({ wire, userData });
    start = capture.indexOf(BOF, end);
  }
  return frames;
}

interface LeadIiFormat {
  spec: SampleArraySpec;
  scale: ScaleRange;
  periodTicks: number;
}

interface ReplayFrame {
  wire: Uint8Array;
  /** Working copy: its RelativeTime is moved on each loop, its lead II samples replaced. */
  userData: Uint8Array;
  /** As captured. */
  relativeTime: number;
  dueMs: number;
  /** Views into `userData` holding lead II samples. */
  leadIi: Uint8Array[];
}

/** Writes a recorded ECG, resampled to the monitor's rate, into lead II sample bytes. */
class LeadIiSubstitute {
  private written = 0;

  constructor(
    private readonly ecg: RecordedEcg,
    private readonly format: LeadIiFormat,
  ) {}

  fill(bytes: Uint8Array): void {
    const { scale, spec, periodTicks } = this.format;
    const outputRate = (1000 * TICKS_PER_MS) / periodTicks;
    const perStep =
      (scale.upperAbsolute - scale.lowerAbsolute) / (scale.upperScaled - scale.lowerScaled);
    const source = this.ecg.samples;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i + 1 < bytes.length; i += 2) {
      const position = ((this.written * this.ecg.sampleRate) / outputRate) % source.length;
      const before = Math.floor(position);
      const a = source[before] ?? 0;
      const b = source[(before + 1) % source.length] ?? a;
      const mv = (a + (b - a) * (position - before)) * this.ecg.mvPerUnit;
      const raw = Math.round(scale.lowerScaled + (mv - scale.lowerAbsolute) / perStep);
      const top = Math.min(scale.upperScaled, 2 ** spec.significantBits - 1);
      view.setUint16(i, Math.min(top, Math.max(scale.lowerScaled, raw)));
      this.written += 1;
    }
  }
}

/**
 * The capture as a schedule, without timers: the opening messages, then poll results due at
 * their monitor time. The wave polls set the clock; anything between two of them goes with
 * the one before. Each loop moves RelativeTime on by the capture's span so the monitor clock
 * never runs backwards.
 */
export class CaptureReplay {
  /** Association accept and MDS Create event, as captured. */
  readonly opening: Uint8Array;
  private readonly frames: ReplayFrame[] = [];
  private readonly loopMs: number;
  private readonly loopTicks: number;
  private readonly substitute: LeadIiSubstitute | null = null;
  private loop = 0;
  private runLoop = 0;
  private next = 0;

  constructor(capture: Uint8Array, ecg?: RecordedEcg) {
    const opening: Uint8Array[] = [];
    const polls: { wire: Uint8Array; userData: Uint8Array; result: PollResult }[] = [];
    for (const { wire, userData } of captureFrames(capture)) {
      const working = userData.slice();
      const message = parseDataExportMessage(working);
      if (message.kind === 'association-accept' || message.kind === 'mds-create-event') {
        opening.push(wire);
      }
      if (message.kind === 'poll-result') polls.push({ wire, userData: working, result: message });
    }
    this.opening = concatBytes(opening);
    const waveTimes = polls
      .filter((p) => p.result.objectClass === ObjectClass.WAVE)
      .map((p) => p.result.relativeTime);
    const first = waveTimes.reduce((a, b) => Math.min(a, b), Infinity);
    const last = waveTimes.at(-1) ?? 0;
    const pollInterval = last - (waveTimes.at(-2) ?? last);
    this.loopTicks = waveTimes.length > 0 ? last + pollInterval - first : 0;
    const formats = new Map<number, Partial<LeadIiFormat>>();
    let leadIiFormat: LeadIiFormat | null = null;
    let dueMs = 0;
    for (const { wire, userData, result } of polls) {
      const leadIi: Uint8Array[] = [];
      if (result.objectClass === ObjectClass.WAVE) {
        dueMs = Math.max(dueMs, (result.relativeTime - first) / TICKS_PER_MS);
        for (const poll of result.observations) {
          leadIiFormat ??= rememberFormat(formats, poll);
          leadIi.push(...leadIiSamples(poll));
        }
      }
      this.frames.push({ wire, userData, relativeTime: result.relativeTime, dueMs, leadIi });
    }
    this.loopMs = Math.max(dueMs + MIN_LOOP_PAUSE_MS, this.loopTicks / TICKS_PER_MS);
    if (ecg && leadIiFormat) this.substitute = new LeadIiSubstitute(ecg, leadIiFormat);
  }

  /** Starts the schedule again (a new association); the monitor clock keeps its time. */
  rewind(): void {
    if (this.next > 0) {
      this.loop += 1;
      this.next = 0;
    }
    this.runLoop = this.loop;
  }

  /** Frames due before `elapsedMs` since the start (or the last rewind), in order. */
  takeDue(elapsedMs: number): Uint8Array[] {
    const due: Uint8Array[] = [];
    if (this.frames.length === 0) return due;
    for (;;) {
      const frame = this.frames[this.next];
      if (!frame) {
        this.loop += 1;
        this.next = 0;
        continue;
      }
      if (frame.dueMs + (this.loop - this.runLoop) * this.loopMs >= elapsedMs) return due;
      due.push(this.emit(frame));
      this.next += 1;
    }
  }

  private emit(frame: ReplayFrame): Uint8Array {
    if (this.loop > 0) {
      setPollRelativeTime(frame.userData, frame.relativeTime + this.loop * this.loopTicks);
    }
    if (this.substitute) for (const bytes of frame.leadIi) this.substitute.fill(bytes);
    const unchanged = this.loop === 0 && (!this.substitute || frame.leadIi.length === 0);
    return unchanged ? frame.wire : encodeIntelliVueFrame(frame.userData);
  }
}

/** Collects a wave object's format; returns it once lead II's is complete. */
function rememberFormat(
  formats: Map<number, Partial<LeadIiFormat>>,
  poll: ObservationPoll,
): LeadIiFormat | null {
  const format = formats.get(poll.handle) ?? {};
  for (const attribute of poll.attributes) {
    if (attribute.id === AttributeId.SAMPLE_ARRAY_SPEC) {
      format.spec = readSampleArraySpec(attribute.value);
    }
    if (attribute.id === AttributeId.SCALE_RANGE) format.scale = readScaleRange(attribute.value);
    if (attribute.id === AttributeId.SAMPLE_PERIOD) {
      format.periodTicks = readRelativeTime(attribute.value);
    }
  }
  formats.set(poll.handle, format);
  const { spec, scale, periodTicks } = format;
  const isLeadIi = leadIiSamples(poll).length > 0;
  return isLeadIi && spec && scale && periodTicks && spec.sampleSize === 16
    ? { spec, scale, periodTicks }
    : null;
}

function leadIiSamples(poll: ObservationPoll): Uint8Array[] {
  return poll.attributes
    .filter(
      (a) =>
        a.id === AttributeId.SAMPLE_ARRAY_VALUE || a.id === AttributeId.COMPOUND_SAMPLE_ARRAY_VALUE,
    )
    .flatMap((a) => readSampleArrayValues(a))
    .filter((v) => v.physioId === ECG_LEAD_II)
    .map((v) => v.bytes);
}

/** The monitor end of the line: reads the station's requests, writes paced replayed frames. */
export class IntelliVueSimulator implements DeviceSimulator {
  private readonly framer = new IntelliVueFramer();
  private replay: CaptureReplay | null = null;
  private pacer: LinePacer | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private awaitingMdsResult = false;
  private replaying = false;
  private runStartedAt = 0;

  constructor(private readonly options: IntelliVueSimulatorOptions = {}) {}

  start(write: (bytes: Uint8Array) => void): void {
    this.stop();
    this.pacer = new LinePacer(INTELLIVUE_LINE_BYTES_PER_SECOND, write);
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.pacer = null;
    this.replaying = false;
    this.awaitingMdsResult = false;
  }

  receive(bytes: Uint8Array): void {
    for (const userData of this.framer.push(bytes)) {
      const message = parseDataExportMessage(userData);
      if (message.kind === 'association-request') {
        this.replaying = false;
        this.awaitingMdsResult = true;
        this.pacer?.enqueue(this.schedule().opening);
      } else if (message.kind === 'mds-create-result' && this.awaitingMdsResult) {
        this.awaitingMdsResult = false;
        this.replaying = true;
        this.schedule().rewind();
        this.runStartedAt = performance.now();
      } else if (message.kind === 'release-request' || message.kind === 'abort') {
        this.replaying = false;
      }
    }
  }

  private schedule(): CaptureReplay {
    this.replay ??= new CaptureReplay(
      this.options.capture ?? defaultIntelliVueCapture(),
      this.options.ecg,
    );
    return this.replay;
  }

  private tick(): void {
    const pacer = this.pacer;
    if (!pacer) return;
    if (this.replaying) {
      for (const frame of this.schedule().takeDue(performance.now() - this.runStartedAt)) {
        pacer.enqueue(frame);
      }
    }
    pacer.flush();
  }
}
