/**
 * A byte pipe to one device: a serial port, or a TCP connection to a serial device server.
 * Drivers never know which one they are on.
 */
export interface ByteTransport {
  /** Human-readable endpoint for biomed: "/dev/ttyUSB0 9600 8N1" or "tcp 10.0.0.5:4001". */
  readonly endpoint: string;
  /** Rejects with an error that says what went wrong (busy port, refused, missing path). */
  open(): Promise<void>;
  write(bytes: Uint8Array): void;
  close(): Promise<void>;
  onData(handler: (bytes: Uint8Array) => void): void;
  /** The far end went away (cable pulled, peer closed, device server rebooted). */
  onClose(handler: (reason: string) => void): void;
}
