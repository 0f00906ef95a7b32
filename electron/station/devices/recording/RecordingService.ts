/**
 * Raw recording and replay for the engine: attaches a recorder to a link and detaches it, lists
 * <dataDir>/recordings, and serves a recording as a simulated device on a loopback TCP port for
 * a link to connect to. A recording that cannot be written is logged and raised as a technical
 * alarm on the link's bed, never a silent gap in the file.
 */
import { join } from 'node:path';
import type { DeviceLinkStatus, RecordingInfo, ReplayEndpoint } from '../../../contract/domain.js';
import type { AlarmRegistry } from '../../alarms/AlarmRegistry.js';
import type { Log } from '../../log/StationLog.js';
import type { LinkByteTap } from '../DeviceLink.js';
import type { SerialSettings } from '../drivers/DeviceDriver.js';
import { SimulatedDeviceServer } from '../simulators/SimulatedDeviceServer.js';
import { LinkRecorder, type RecordingSummary } from './LinkRecorder.js';
import { encodeHeader, recordingFileName, type RecordingMetadata } from './LinkRecordingFormat.js';
import {
  createRecordingFile,
  listRecordingFiles,
  readListedRecording,
  readRecordingFile,
  recordingsDir,
} from './RecordingFiles.js';
import { RecordingReplayer } from './RecordingReplayer.js';

export const LINK_RECORDING_FAILED = 'link.recording-failed';

const REPLAY_HOST = '127.0.0.1';

/** What the service needs of a link; DeviceLink is one. */
export interface RecordableLink {
  readonly id: string;
  readonly serialSettings: SerialSettings | null;
  status(): DeviceLinkStatus;
  startRecording(tap: LinkByteTap): void;
  stopRecording(): void;
}

export interface RecordingServiceOptions {
  dataDir: string;
  findLink(id: string): RecordableLink | undefined;
  alarms: Pick<AlarmRegistry, 'raiseTechnical' | 'clear'>;
  log: Log;
  /** Creates the file a new recording goes to; tests replace it to make the disk fail. */
  createFile?: typeof createRecordingFile;
}

export interface ReplayRequest {
  speed: number;
  loop: boolean;
}

interface ActiveRecording {
  file: string;
  link: RecordableLink;
  recorder: LinkRecorder;
}

function describeRecording(
  file: string,
  metadata: RecordingMetadata,
  facts: { bytes: number; durationMs: number; recording: boolean },
): RecordingInfo {
  const { link, bed, protocol, endpoint, startedAt } = metadata;
  return { file, link, bed, protocol, endpoint, startedAt, ...facts };
}

function describeSummary(
  file: string,
  summary: RecordingSummary,
  recording: boolean,
): RecordingInfo {
  const { bytes, durationMs } = summary;
  return describeRecording(file, summary.metadata, { bytes, durationMs, recording });
}

export class RecordingService {
  private readonly dir: string;
  /** By link id. */
  private readonly active = new Map<string, ActiveRecording>();
  private readonly starting = new Set<string>();
  /** By TCP port. */
  private readonly replays = new Map<number, SimulatedDeviceServer>();

  constructor(private readonly options: RecordingServiceOptions) {
    this.dir = recordingsDir(options.dataDir);
  }

  async startRecording(linkId: string): Promise<RecordingInfo> {
    const link = this.options.findLink(linkId);
    if (!link) throw new Error(`no link "${linkId}" is configured`);
    const current = this.active.get(linkId);
    if (current) throw new Error(`link ${linkId} is already being recorded to ${current.file}`);
    if (this.starting.has(linkId))
      throw new Error(`link ${linkId} is already starting a recording`);
    this.starting.add(linkId);
    try {
      const status = link.status();
      const origin = performance.now();
      const startedAt = new Date();
      const metadata: RecordingMetadata = {
        link: linkId,
        bed: status.bed,
        protocol: status.protocol,
        endpoint: status.endpoint,
        serial: link.serialSettings,
        startedAt: startedAt.getTime(),
      };
      const file = recordingFileName(linkId, startedAt);
      const header = encodeHeader(metadata);
      const createFile = this.options.createFile ?? createRecordingFile;
      const sink = await createFile(this.dir, file, header).catch((error: Error) => {
        throw new Error(`cannot create recording ${file} for link ${linkId}: ${error.message}`, {
          cause: error,
        });
      });
      const recorder = new LinkRecorder(sink, metadata, header.length, {
        origin,
        onFailure: (error) => this.recordingFailed(metadata, file, error),
      });
      try {
        link.startRecording(recorder);
      } catch (error) {
        await recorder.stop();
        throw error;
      }
      this.active.set(linkId, { file, link, recorder });
      this.options.alarms.clear({ code: LINK_RECORDING_FAILED, bed: status.bed, source: linkId });
      this.options.log.info('recording: started', { link: linkId, file });
      return describeSummary(file, recorder.summary(), true);
    } finally {
      this.starting.delete(linkId);
    }
  }

  async stopRecording(linkId: string): Promise<RecordingInfo> {
    const entry = this.active.get(linkId);
    if (!entry) throw new Error(`link ${linkId} is not being recorded`);
    this.detach(linkId, entry);
    const summary = await entry.recorder.stop().catch((error: Error) => {
      throw new Error(`recording ${entry.file} could not be completed: ${error.message}`, {
        cause: error,
      });
    });
    const { bytes, records, durationMs } = summary;
    this.options.log.info('recording: stopped', {
      link: linkId,
      file: entry.file,
      bytes,
      records,
      durationMs,
    });
    return describeSummary(entry.file, summary, false);
  }

  /** Newest first; the ones still being written show what has been recorded so far. */
  async list(): Promise<RecordingInfo[]> {
    const beingWritten = new Map([...this.active.values()].map((a) => [a.file, a.recorder]));
    const infos = await Promise.all(
      (await listRecordingFiles(this.dir)).map(async (file) => {
        const recorder = beingWritten.get(file);
        if (recorder) return describeSummary(file, recorder.summary(), true);
        try {
          const { recording: decoded, bytes } = await readRecordingFile(join(this.dir, file));
          const durationMs = (decoded.records.at(-1)?.offsetUs ?? 0) / 1000;
          return describeRecording(file, decoded.metadata, { bytes, durationMs, recording: false });
        } catch (error) {
          this.options.log.warn('recording: unreadable file in the recordings folder', {
            file,
            error: (error as Error).message,
          });
          return null;
        }
      }),
    );
    return infos
      .filter((i): i is RecordingInfo => i !== null)
      .sort((a, b) => b.startedAt - a.startedAt);
  }

  /** Serves `file` on a free loopback port: each connection gets the recording from its start. */
  async replay(file: string, request: ReplayRequest): Promise<ReplayEndpoint> {
    const { recording } = await readListedRecording(this.dir, file);
    if (recording.unreadableTailBytes > 0) {
      this.options.log.warn('recording: last record cut short, replaying up to it', {
        file,
        unreadableTailBytes: recording.unreadableTailBytes,
      });
    }
    const server = new SimulatedDeviceServer(() => new RecordingReplayer(recording, request));
    const port = await server.listen(0, REPLAY_HOST);
    this.replays.set(port, server);
    this.options.log.info('recording: replay listening', { file, port, ...request });
    return { host: REPLAY_HOST, port, file, ...request };
  }

  async stopReplay(port: number): Promise<null> {
    const server = this.replays.get(port);
    if (!server) throw new Error(`no replay is running on port ${port}`);
    this.replays.delete(port);
    await server.close();
    this.options.log.info('recording: replay stopped', { port });
    return null;
  }

  /** Finishes every recording (a failure is already reported by then) and every replay. */
  async stop(): Promise<void> {
    const recordings = [...this.active].map(([linkId, entry]) => {
      this.detach(linkId, entry);
      return entry.recorder.stop().catch(() => undefined);
    });
    const replays = [...this.replays.values()].map((s) => s.close());
    this.replays.clear();
    await Promise.all([...recordings, ...replays]);
  }

  private detach(linkId: string, entry: ActiveRecording): void {
    entry.link.stopRecording();
    this.active.delete(linkId);
  }

  private recordingFailed(metadata: RecordingMetadata, file: string, error: Error): void {
    const entry = this.active.get(metadata.link);
    if (entry?.file === file) this.detach(metadata.link, entry);
    this.options.log.error('recording: failed', {
      link: metadata.link,
      file,
      error: error.message,
    });
    this.options.alarms.raiseTechnical({
      code: LINK_RECORDING_FAILED,
      bed: metadata.bed,
      source: metadata.link,
      priority: 'low',
      text: `Recording of link ${metadata.link} stopped: cannot write ${file}: ${error.message}`,
    });
  }
}
