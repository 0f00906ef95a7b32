/**
 * Cuts a serial text stream into lines for the ASCII devices. CR, LF or both end a line, so a
 * device configured for either convention reads the same; empty lines are dropped. A line longer
 * than any the devices send is noise (a wrong baud rate, a binary device on the port): it is
 * counted and skipped up to the next line end rather than held forever.
 */
const CR = 0x0d;
const LF = 0x0a;
const DEFAULT_MAX_LINE_LENGTH = 256;

const latin1 = new TextDecoder('latin1');

export class AsciiLineSplitter {
  private readonly buffer: Uint8Array;
  private length = 0;
  private overlong = false;
  private discarded = 0;

  constructor(private readonly maxLineLength = DEFAULT_MAX_LINE_LENGTH) {
    this.buffer = new Uint8Array(maxLineLength);
  }

  /** Bytes thrown away in overlong lines. */
  get discardedBytes(): number {
    return this.discarded;
  }

  /** Complete lines in `bytes` and whatever was left over from earlier pushes, without their ends. */
  push(bytes: Uint8Array): string[] {
    const lines: string[] = [];
    for (const byte of bytes) {
      if (byte === CR || byte === LF) {
        if (this.length > 0 && !this.overlong) {
          lines.push(latin1.decode(this.buffer.subarray(0, this.length)));
        }
        this.length = 0;
        this.overlong = false;
      } else if (this.overlong) {
        this.discarded += 1;
      } else if (this.length === this.maxLineLength) {
        this.discarded += this.length + 1;
        this.length = 0;
        this.overlong = true;
      } else {
        this.buffer[this.length] = byte;
        this.length += 1;
      }
    }
    return lines;
  }
}
