/**
 * One supervised connection to one device: opens the transport, feeds the driver's decoder,
 * keeps counters, reconnects with capped backoff, and notices when data stops. What it decodes
 * and every change of its health go to the engine through the callbacks it was given.
 */
import type { DeviceLinkStatus, LinkState } from '../../contract/domain.js';
import type { DeviceLinkConfig, LinkTransportConfig } from '../config/StationConfigSchema.js';
import type { Log } from '../log/StationLog.js';
import type {
  DecodedBatch,
  DeviceDecoder,
  DeviceDriver,
  SerialSettings,
} from './drivers/DeviceDriver.js';
import type { LinkDirection } from './recording/LinkRecordingFormat.js';
import type { ByteTransport } from './transports/ByteTransport.js';
import { SerialPortTransport } from './transports/SerialPortTransport.js';
import { TcpClientTransport } from './transports/TcpClientTransport.js';

export interface DeviceLinkEvents {
  decoded(batch: DecodedBatch): void;
  /** State, error or counters changed. */
  changed(status: DeviceLinkStatus): void;
  /** No data for staleAfterMs (true), or data flowing again (false). */
  noData(linkId: string, silent: boolean, detail: string): void;
  /**
   * A new session starts with a fresh decoder, which knows nothing of the alarms the old one
   * reported: they must be ended, and the device reports again what is still true.
   */
  sessionRestarted?(linkId: string): void;
}

/** Sees every byte the link carries, both ways (raw recording). */
export interface LinkByteTap {
  record(direction: LinkDirection, bytes: Uint8Array): void;
}

const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 10_000;
const SESSION_TICK_MS = 500;

function serialLineSettings(
  t: Extract<LinkTransportConfig, { kind: 'serial' }>,
  driver: DeviceDriver,
): SerialSettings {
  return {
    baudRate: t.baudRate ?? driver.serialDefaults.baudRate,
    dataBits: t.dataBits ?? driver.serialDefaults.dataBits,
    parity: t.parity ?? driver.serialDefaults.parity,
    stopBits: t.stopBits ?? driver.serialDefaults.stopBits,
    flowControl: t.flowControl ?? driver.serialDefaults.flowControl,
  };
}

export function createTransport(config: DeviceLinkConfig, driver: DeviceDriver): ByteTransport {
  const t = config.transport;
  if (t.kind === 'tcp') return new TcpClientTransport(t.host, t.port);
  return new SerialPortTransport(t.path, serialLineSettings(t, driver));
}

export class DeviceLink {
  private readonly transport: ByteTransport;
  private decoder: DeviceDecoder;
  private state: LinkState = 'connecting';
  private lastError: string | null = null;
  private bytesIn = 0;
  private bytesOut = 0;
  private connectedNow = false;
  private tickTimer: ReturnType<typeof setInterval> | null = null;
  private reconnects = 0;
  private lastDataAt: number | null = null;
  private silent = false;
  private backoffMs = MIN_BACKOFF_MS;
  private stopped = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private watchStartedAt = Date.now();
  private tap: LinkByteTap | null = null;

  constructor(
    private readonly config: DeviceLinkConfig,
    private readonly driver: DeviceDriver,
    private readonly events: DeviceLinkEvents,
    private readonly log: Log,
    transport?: ByteTransport,
  ) {
    this.transport = transport ?? createTransport(config, driver);
    this.decoder = this.newDecoder();
    this.transport.onData((bytes) => this.receive(bytes));
    this.transport.onClose((reason) => this.lost(reason));
  }

  get id(): string {
    return this.config.id;
  }

  /** null over TCP, where the device server owns the line settings. */
  get serialSettings(): SerialSettings | null {
    const t = this.config.transport;
    return t.kind === 'serial' ? serialLineSettings(t, this.driver) : null;
  }

  startRecording(tap: LinkByteTap): void {
    if (this.tap) throw new Error(`link ${this.config.id} is already being recorded`);
    this.tap = tap;
  }

  stopRecording(): void {
    this.tap = null;
  }

  start(): void {
    this.watchStartedAt = Date.now();
    const period = Math.min(1_000, this.config.staleAfterMs / 4);
    this.watchdog = setInterval(() => this.checkSilence(), period);
    this.tickTimer = setInterval(() => {
      if (this.connectedNow) this.decoder.tick?.(Date.now());
    }, SESSION_TICK_MS);
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.connectedNow = false;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.watchdog) clearInterval(this.watchdog);
    if (this.tickTimer) clearInterval(this.tickTimer);
    await this.transport.close();
  }

  status(): DeviceLinkStatus {
    const c = this.decoder.counters;
    return {
      id: this.config.id,
      bed: this.config.bed,
      protocol: this.config.protocol,
      endpoint: this.transport.endpoint,
      state: this.state,
      lastError: this.lastError,
      demo: this.config.demo,
      counters: {
        bytesIn: this.bytesIn,
        bytesOut: this.bytesOut,
        frames: c.frames,
        checksumErrors: c.checksumErrors,
        discardedBytes: c.discardedBytes,
        decodedSamples: c.decodedSamples,
        sampleGaps: c.sampleGaps,
        reconnects: this.reconnects,
        lastDataAt: this.lastDataAt,
      },
    };
  }

  private newDecoder(): DeviceDecoder {
    return this.driver.createDecoder(
      { bed: this.config.bed, device: this.config.id, demo: this.config.demo },
      {
        send: (bytes) => {
          if (!this.connectedNow) return;
          this.bytesOut += bytes.length;
          this.tap?.record('station-to-device', bytes);
          this.transport.write(bytes);
        },
      },
    );
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.setState('connecting');
    try {
      await this.transport.open();
      if (this.stopped) {
        await this.transport.close();
        return;
      }
      this.backoffMs = MIN_BACKOFF_MS;
      this.lastError = null;
      this.connectedNow = true;
      this.log.info('link: connected', { link: this.config.id, endpoint: this.transport.endpoint });
      this.decoder.connected?.(Date.now());
      // Waiting for the first frame is not streaming yet; stale until data proves otherwise.
      this.setState(this.waitingState());
    } catch (error) {
      this.lastError = (error as Error).message;
      this.setState('down');
      this.scheduleReconnect();
    }
  }

  /** Connected but no frames yet: associating for session protocols, else connecting/stale. */
  private waitingState(): LinkState {
    if (this.silent) return 'stale';
    return this.decoder.associating ? 'associating' : 'connecting';
  }

  private lost(reason: string): void {
    this.connectedNow = false;
    if (this.stopped) return;
    this.lastError = reason;
    this.log.warn('link: lost', { link: this.config.id, reason });
    this.setState('down');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs * 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.reconnects += 1;
      // A fresh decoder: a frame cut by the disconnect must not glue onto the next stream.
      this.decoder = this.newDecoder();
      this.events.sessionRestarted?.(this.config.id);
      void this.connect();
    }, delay);
  }

  private receive(bytes: Uint8Array): void {
    const now = Date.now();
    this.bytesIn += bytes.length;
    this.tap?.record('device-to-station', bytes);
    const framesBefore = this.decoder.counters.frames;
    const batch = this.decoder.push(bytes, now);
    if (this.decoder.counters.frames > framesBefore) {
      this.lastDataAt = now;
      if (this.silent) {
        this.silent = false;
        this.events.noData(this.config.id, false, 'data flowing again');
      }
    }
    const state: LinkState = this.decoder.associating
      ? 'associating'
      : this.lastDataAt === now
        ? 'streaming'
        : this.state;
    if (state !== this.state) this.setState(state);
    if (
      batch.observations.length > 0 ||
      batch.waves.length > 0 ||
      (batch.alarms?.length ?? 0) > 0 ||
      (batch.infusions?.length ?? 0) > 0
    ) {
      this.events.decoded(batch);
    }
  }

  private checkSilence(): void {
    const since = this.lastDataAt ?? this.watchStartedAt;
    const quietFor = Date.now() - since;
    if (quietFor < this.config.staleAfterMs || this.silent) return;
    this.silent = true;
    const detail = this.lastError
      ? `no data from ${this.transport.endpoint} for ${Math.round(quietFor / 1000)} s: ${this.lastError}`
      : `no data from ${this.transport.endpoint} for ${Math.round(quietFor / 1000)} s`;
    this.log.warn('link: no data', { link: this.config.id, quietForMs: quietFor });
    if (this.state === 'streaming' || this.state === 'connecting') this.setState('stale');
    this.events.noData(this.config.id, true, detail);
  }

  private setState(state: LinkState): void {
    this.state = state;
    this.events.changed(this.status());
  }
}
