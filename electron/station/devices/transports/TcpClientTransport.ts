import { Socket } from 'node:net';
import type { ByteTransport } from './ByteTransport.js';

const CONNECT_TIMEOUT_MS = 5_000;

/** Raw TCP to a serial device server (Moxa-style terminal server, B. Braun port 4001). */
export class TcpClientTransport implements ByteTransport {
  readonly endpoint: string;
  private socket: Socket | null = null;
  private readonly dataHandlers: ((bytes: Uint8Array) => void)[] = [];
  private readonly closeHandlers: ((reason: string) => void)[] = [];

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {
    this.endpoint = `tcp ${host}:${port}`;
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      const fail = (error: Error): void => {
        socket.destroy();
        reject(new Error(`cannot connect to ${this.host}:${this.port}: ${error.message}`));
      };
      socket.setTimeout(CONNECT_TIMEOUT_MS, () => fail(new Error('timed out')));
      socket.once('error', fail);
      socket.connect(this.port, this.host, () => {
        socket.off('error', fail);
        socket.setTimeout(0);
        socket.setNoDelay(true);
        socket.setKeepAlive(true, 5_000);
        this.socket = socket;
        socket.on('data', (chunk: Buffer) => {
          for (const h of this.dataHandlers) h(chunk);
        });
        let reason = 'connection closed by the device server';
        socket.on('error', (error) => {
          reason = error.message;
        });
        socket.on('close', () => {
          if (this.socket !== socket) return;
          this.socket = null;
          for (const h of this.closeHandlers) h(reason);
        });
        resolve();
      });
    });
  }

  write(bytes: Uint8Array): void {
    this.socket?.write(bytes);
  }

  close(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    if (!socket) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  onData(handler: (bytes: Uint8Array) => void): void {
    this.dataHandlers.push(handler);
  }

  onClose(handler: (reason: string) => void): void {
    this.closeHandlers.push(handler);
  }
}
