import { SerialPort } from 'serialport';
import type { SerialSettings } from '../drivers/DeviceDriver.js';
import type { ByteTransport } from './ByteTransport.js';

const PARITY_LETTER: Record<SerialSettings['parity'], string> = {
  none: 'N',
  even: 'E',
  odd: 'O',
  mark: 'M',
  space: 'S',
};

export function describeSerial(path: string, s: SerialSettings): string {
  const flow = s.flowControl === 'none' ? '' : ` ${s.flowControl.toUpperCase()}`;
  return `${path} ${s.baudRate} ${s.dataBits}${PARITY_LETTER[s.parity]}${s.stopBits}${flow}`;
}

/** A local serial port (RS-232, USB-serial adapter) with every setting a device may need. */
export class SerialPortTransport implements ByteTransport {
  readonly endpoint: string;
  private port: SerialPort | null = null;
  private readonly dataHandlers: ((bytes: Uint8Array) => void)[] = [];
  private readonly closeHandlers: ((reason: string) => void)[] = [];

  constructor(
    private readonly path: string,
    private readonly settings: SerialSettings,
  ) {
    this.endpoint = describeSerial(path, settings);
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const s = this.settings;
      const port = new SerialPort({
        path: this.path,
        baudRate: s.baudRate,
        dataBits: s.dataBits,
        parity: s.parity,
        stopBits: s.stopBits,
        rtscts: s.flowControl === 'rtscts',
        xon: s.flowControl === 'xonxoff',
        xoff: s.flowControl === 'xonxoff',
        autoOpen: false,
      });
      port.open((error) => {
        if (error) {
          reject(new Error(`cannot open ${this.path}: ${error.message}`));
          return;
        }
        this.port = port;
        port.on('data', (chunk: Buffer) => {
          for (const h of this.dataHandlers) h(chunk);
        });
        let reason = 'serial port closed';
        port.on('error', (e: Error) => {
          reason = e.message;
        });
        port.on('close', (e: (Error & { disconnected?: boolean }) | null) => {
          if (this.port !== port) return;
          this.port = null;
          const why = e?.disconnected ? 'device disconnected' : reason;
          for (const h of this.closeHandlers) h(why);
        });
        resolve();
      });
    });
  }

  write(bytes: Uint8Array): void {
    this.port?.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  close(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (!port?.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }

  onData(handler: (bytes: Uint8Array) => void): void {
    this.dataHandlers.push(handler);
  }

  onClose(handler: (reason: string) => void): void {
    this.closeHandlers.push(handler);
  }
}
