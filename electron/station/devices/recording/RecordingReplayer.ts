/**
 * A recording played back as the device it came from: the device → station bytes are written
 * at their recorded offsets (divided by the speed factor), so the station sees the same bytes,
 * in the same chunks, at the same pace as on the ward. A recording cannot answer, so what the
 * station sends is not replied to; protocols the station must drive replay as recorded only.
 */
import { SerialPort } from 'serialport';
import type { DeviceSimulator } from '../drivers/DeviceDriver.js';
import type { DecodedRecording, LinkRecord } from './LinkRecordingFormat.js';

export interface ReplayOptions {
  /** 2 plays twice as fast; default 1, the original timing. */
  speed?: number;
  /** Start over after the last record instead of falling silent. */
  loop?: boolean;
  /** Called once the last record of a non-looping replay has been written. */
  onEnd?: () => void;
}

/** A recording whose records all share one instant must still loop at a finite rate. */
const MIN_LOOP_PERIOD_US = 1_000;

export class RecordingReplayer implements DeviceSimulator {
  private readonly deviceRecords: LinkRecord[];
  private readonly periodUs: number;
  private readonly speed: number;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    recording: Pick<DecodedRecording, 'records'>,
    private readonly options: ReplayOptions = {},
  ) {
    const speed = options.speed ?? 1;
    if (!(speed > 0 && Number.isFinite(speed))) {
      throw new RangeError(`replay speed must be a positive number, got ${speed}`);
    }
    this.speed = speed;
    this.deviceRecords = recording.records.filter((r) => r.direction === 'device-to-station');
    this.periodUs = Math.max(MIN_LOOP_PERIOD_US, recording.records.at(-1)?.offsetUs ?? 0);
  }

  start(write: (bytes: Uint8Array) => void): void {
    this.stop();
    const records = this.deviceRecords;
    let passStartedAt = performance.now();
    let next = 0;
    // Each record is due at passStart + offset / speed on the monotonic clock, so timer lateness
    // never accumulates over a long replay.
    const dueAt = (record: LinkRecord): number =>
      passStartedAt + record.offsetUs / 1000 / this.speed;
    const pump = (): void => {
      this.timer = null;
      for (;;) {
        const record = records[next];
        if (!record) {
          if (!this.options.loop || records.length === 0) {
            this.options.onEnd?.();
            return;
          }
          passStartedAt += this.periodUs / 1000 / this.speed;
          next = 0;
          continue;
        }
        const waitMs = dueAt(record) - performance.now();
        if (waitMs > 0) {
          this.timer = setTimeout(pump, waitMs);
          return;
        }
        write(record.bytes);
        next += 1;
      }
    };
    pump();
  }

  stop(): void {
    if (this.timer === null) return;
    clearTimeout(this.timer);
    this.timer = null;
  }
}

export interface SerialReplay {
  /**
   * Resolves when every device byte has been written to the port (never, when looping);
   * rejects if the port fails first.
   */
  readonly finished: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Replays into the device end of a serial line, such as one side of a socat pty pair, so a
 * station link on the other side reads it exactly as from the device.
 */
export async function replayIntoSerialPort(
  path: string,
  recording: DecodedRecording,
  options: Omit<ReplayOptions, 'onEnd'> = {},
): Promise<SerialReplay> {
  const serial = recording.metadata.serial;
  const port = new SerialPort({
    path,
    // Ptys ignore line settings; a real null-modem cable needs the recorded ones.
    baudRate: serial?.baudRate ?? 9600,
    dataBits: serial?.dataBits ?? 8,
    parity: serial?.parity ?? 'none',
    stopBits: serial?.stopBits ?? 1,
    // The station's end holds the lock; this end plays the device.
    lock: false,
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) =>
    port.open((error) =>
      error ? reject(new Error(`cannot open ${path}: ${error.message}`)) : resolve(),
    ),
  );
  let markWritten = (): void => undefined;
  const allWritten = new Promise<void>((resolve) => (markWritten = resolve));
  const replayer = new RecordingReplayer(recording, { ...options, onEnd: () => markWritten() });
  const portFailed = new Promise<never>((_resolve, reject) =>
    port.on('error', (error) => {
      replayer.stop();
      reject(error);
    }),
  );
  const finished = Promise.race([
    allWritten.then(
      () => new Promise<void>((resolve, reject) => port.drain((e) => (e ? reject(e) : resolve()))),
    ),
    portFailed,
  ]);
  // Looping replays are never awaited; their port errors must still not go unhandled.
  finished.catch(() => undefined);
  replayer.start((bytes) =>
    port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
  );
  return {
    finished,
    stop: async () => {
      replayer.stop();
      if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    },
  };
}
