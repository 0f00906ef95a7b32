/**
 * The HL7 v2 MLLP listener: TCP (or TLS) connections from gateways and devices, many at once,
 * many messages on each. It owns framing, peer checks and the order of replies; what a message
 * means and when it may be acknowledged is the handler's business. Replies on one connection go
 * out in the order the messages came in, even when a later one (a rejection) is ready first,
 * because some senders pair ACKs with messages by position.
 */
import { readFileSync } from 'node:fs';
import {
  BlockList,
  createServer as createTcpServer,
  isIPv6,
  type Server,
  type Socket,
} from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import type { Log } from '../log/StationLog.js';
import { frameMessage, MllpFramer } from './MllpFramer.js';

export interface MllpListenerOptions {
  host: string;
  port: number;
  maxFrameBytes: number;
  idleTimeoutMs: number;
  /** Addresses or CIDR ranges allowed to connect; empty allows any. */
  allowedSources: readonly string[];
  tls?: {
    certFile: string;
    keyFile: string;
    caFile?: string;
    /** SHA-256 fingerprints of client certificates allowed in; empty: any (CA-checked if caFile). */
    allowedClientFingerprints: readonly string[];
  };
}

export interface PeerInfo {
  /** address:port, for logs and the message record. */
  peer: string;
  address: string;
}

/** Turns one complete frame into the replies for it (none, one or two), possibly later. */
export interface MllpMessageHandler {
  message(payload: Buffer, peer: PeerInfo): Promise<Buffer[]> | Buffer[];
  /** A frame over the size limit: only its beginning is known. */
  oversize(head: Buffer, bytes: number, peer: PeerInfo): Promise<Buffer[]> | Buffer[];
}

export interface MllpCounters {
  connectionsAccepted: number;
  connectionsRefused: number;
  frames: number;
  oversizeFrames: number;
  truncatedFrames: number;
  noiseBytes: number;
  repliesSent: number;
  idleTimeouts: number;
}

export type MllpListenerState = 'starting' | 'listening' | 'failed' | 'stopped';

/** A peer that never reads its ACKs must not make the station buffer without limit. */
const MAX_UNANSWERED_PER_CONNECTION = 2_048;

export class MllpListener {
  readonly counters: MllpCounters = {
    connectionsAccepted: 0,
    connectionsRefused: 0,
    frames: 0,
    oversizeFrames: 0,
    truncatedFrames: 0,
    noiseBytes: 0,
    repliesSent: 0,
    idleTimeouts: 0,
  };
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly allowed: BlockList | null;
  private readonly fingerprints: Set<string>;
  private currentState: MllpListenerState = 'starting';
  private failure: string | null = null;
  private boundPort: number | null = null;

  constructor(
    private readonly options: MllpListenerOptions,
    private readonly handler: MllpMessageHandler,
    private readonly log: Log,
  ) {
    this.allowed = sourceAllowList(options.allowedSources);
    this.fingerprints = new Set(
      (options.tls?.allowedClientFingerprints ?? []).map(normalizeFingerprint),
    );
    this.server = options.tls ? this.tlsServer(options.tls) : createTcpServer();
    // Checked on the raw connection, before any TLS handshake work is spent on a stranger.
    this.server.on('connection', (socket: Socket) => this.screen(socket));
    if (!options.tls) this.server.on('connection', (socket: Socket) => this.serve(socket));
  }

  /** Resolves once listening; a bind failure is reported in the state, not thrown. */
  start(): Promise<void> {
    return new Promise((resolve) => {
      const failed = (error: Error): void => {
        this.currentState = 'failed';
        this.failure = error.message;
        this.log.error('hl7: listener cannot listen', {
          host: this.options.host,
          port: this.options.port,
          error: error.message,
        });
        resolve();
      };
      this.server.once('error', failed);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', failed);
        this.server.on('error', (error) =>
          this.log.error('hl7: listener error', { error: error.message }),
        );
        const address = this.server.address();
        this.boundPort = typeof address === 'object' && address ? address.port : null;
        this.currentState = 'listening';
        this.log.info('hl7: listening', {
          host: this.options.host,
          port: this.boundPort,
          tls: Boolean(this.options.tls),
        });
        resolve();
      });
    });
  }

  async stop(): Promise<void> {
    if (this.currentState === 'stopped') return;
    const wasListening = this.currentState === 'listening';
    this.currentState = 'stopped';
    for (const socket of this.sockets) socket.destroy();
    if (wasListening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get state(): MllpListenerState {
    return this.currentState;
  }

  get port(): number | null {
    return this.boundPort;
  }

  get lastError(): string | null {
    return this.failure;
  }

  get connections(): number {
    return this.sockets.size;
  }

  private tlsServer(tls: NonNullable<MllpListenerOptions['tls']>): Server {
    const server = createTlsServer({
      cert: readFileSync(tls.certFile),
      key: readFileSync(tls.keyFile),
      ...(tls.caFile ? { ca: readFileSync(tls.caFile) } : {}),
      requestCert: Boolean(tls.caFile) || tls.allowedClientFingerprints.length > 0,
      // Without a CA the allowlist of fingerprints is the trust decision (pinned certificates).
      rejectUnauthorized: Boolean(tls.caFile),
    });
    server.on('secureConnection', (socket: TLSSocket) => {
      if (this.fingerprints.size > 0) {
        const fingerprint = normalizeFingerprint(socket.getPeerCertificate().fingerprint256 ?? '');
        if (!this.fingerprints.has(fingerprint)) {
          this.refuse(socket, 'client certificate not in the allowlist', { fingerprint });
          return;
        }
      }
      this.serve(socket);
    });
    server.on('tlsClientError', (error) =>
      this.log.warn('hl7: TLS handshake failed', { error: error.message }),
    );
    return server;
  }

  private screen(socket: Socket): void {
    const address = plainAddress(socket.remoteAddress ?? '');
    if (this.allowed && !this.allowed.check(address, isIPv6(address) ? 'ipv6' : 'ipv4')) {
      this.refuse(socket, 'source address not allowed', {});
    }
  }

  private refuse(socket: Socket, reason: string, fields: Record<string, unknown>): void {
    this.counters.connectionsRefused++;
    this.log.warn('hl7: connection refused', { peer: peerOf(socket).peer, reason, ...fields });
    socket.destroy();
  }

  private serve(socket: Socket): void {
    if (socket.destroyed) return;
    this.counters.connectionsAccepted++;
    this.sockets.add(socket);
    new MllpConnection(socket, this, this.options, this.handler, this.log).start();
    socket.once('close', () => this.sockets.delete(socket));
  }
}

/** One peer's connection: its framer and its queue of replies still to send, in order. */
class MllpConnection {
  private readonly framer: MllpFramer;
  private readonly peer: PeerInfo;
  private readonly replies: { ready: Buffer[] | null }[] = [];
  private corked = false;
  private paused = false;

  constructor(
    private readonly socket: Socket,
    private readonly listener: MllpListener,
    options: MllpListenerOptions,
    private readonly handler: MllpMessageHandler,
    private readonly log: Log,
  ) {
    this.framer = new MllpFramer(options.maxFrameBytes);
    this.peer = peerOf(socket);
    socket.setNoDelay(true);
    socket.setTimeout(options.idleTimeoutMs, () => {
      this.listener.counters.idleTimeouts++;
      this.log.info('hl7: idle connection closed', { peer: this.peer.peer });
      socket.destroy();
    });
  }

  start(): void {
    this.log.info('hl7: connection', { peer: this.peer.peer });
    this.socket.on('data', (chunk: Buffer) => this.received(chunk));
    this.socket.on('error', (error) =>
      this.log.warn('hl7: connection error', { peer: this.peer.peer, error: error.message }),
    );
    this.socket.on('drain', () => this.resumeIfCaughtUp());
  }

  private received(chunk: Buffer): void {
    const counters = this.listener.counters;
    for (const event of this.framer.push(chunk)) {
      switch (event.kind) {
        case 'frame':
          counters.frames++;
          this.answer(() => this.handler.message(event.payload, this.peer));
          break;
        case 'oversize':
          counters.oversizeFrames++;
          this.log.warn('hl7: oversize frame', { peer: this.peer.peer, bytes: event.bytes });
          this.answer(() => this.handler.oversize(event.head, event.bytes, this.peer));
          break;
        case 'truncated':
          counters.truncatedFrames++;
          this.log.warn('hl7: frame cut short by a new start block', {
            peer: this.peer.peer,
            bytes: event.bytes,
          });
          break;
        case 'noise':
          counters.noiseBytes += event.bytes;
          break;
      }
    }
    if (this.replies.length >= MAX_UNANSWERED_PER_CONNECTION && !this.paused) {
      this.paused = true;
      this.socket.pause();
    }
  }

  /** Reserves this message's place in the reply order, then fills it when its answer is ready. */
  private answer(handle: () => Promise<Buffer[]> | Buffer[]): void {
    const slot: { ready: Buffer[] | null } = { ready: null };
    this.replies.push(slot);
    let answer: Promise<Buffer[]> | Buffer[];
    try {
      answer = handle();
    } catch (error) {
      this.handlerFailed(slot, error);
      return;
    }
    if (Array.isArray(answer)) {
      slot.ready = answer;
      this.flush();
      return;
    }
    answer.then(
      (replies) => {
        slot.ready = replies;
        this.flush();
      },
      (error: unknown) => this.handlerFailed(slot, error),
    );
  }

  /** No answer could be made (the store closed under it): the peer will resend elsewhere. */
  private handlerFailed(slot: { ready: Buffer[] | null }, error: unknown): void {
    this.log.error('hl7: message not answered', { peer: this.peer.peer, error: String(error) });
    slot.ready = [];
    this.socket.destroy();
  }

  private flush(): void {
    for (let ready = this.replies[0]?.ready; ready; ready = this.replies[0]?.ready) {
      this.replies.shift();
      if (this.socket.destroyed) continue;
      for (const reply of ready) {
        this.cork();
        this.socket.write(frameMessage(reply));
        this.listener.counters.repliesSent++;
      }
    }
    this.resumeIfCaughtUp();
  }

  /** ACKs made ready by one commit leave in one write, not one syscall each. */
  private cork(): void {
    if (this.corked) return;
    this.corked = true;
    this.socket.cork();
    process.nextTick(() => {
      this.corked = false;
      this.socket.uncork();
    });
  }

  private resumeIfCaughtUp(): void {
    if (!this.paused) return;
    if (this.replies.length < MAX_UNANSWERED_PER_CONNECTION / 2 && !this.socket.writableNeedDrain) {
      this.paused = false;
      this.socket.resume();
    }
  }
}

function sourceAllowList(sources: readonly string[]): BlockList | null {
  if (sources.length === 0) return null;
  const list = new BlockList();
  for (const source of sources) {
    const [address, prefix] = source.split('/');
    const type = isIPv6(address ?? '') ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address ?? '', type);
    else list.addSubnet(address ?? '', Number(prefix), type);
  }
  return list;
}

/** IPv4 peers on a dual-stack socket show up as ::ffff:a.b.c.d. */
function plainAddress(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

function peerOf(socket: Socket): PeerInfo {
  const address = plainAddress(socket.remoteAddress ?? 'unknown');
  return { address, peer: `${address}:${socket.remotePort ?? 0}` };
}

export function normalizeFingerprint(fingerprint: string): string {
  return fingerprint.replace(/:/g, '').toUpperCase();
}
