/**
 * How many bytes a second an asynchronous serial line carries: every character costs a start
 * bit, its data bits, an optional parity bit and its stop bits on the wire.
 */
import type { SerialSettings } from '../DeviceDriver.js';

export function serialBytesPerSecond(settings: SerialSettings): number {
  const parityBits = settings.parity === 'none' ? 0 : 1;
  const bitsPerCharacter = 1 + settings.dataBits + parityBits + settings.stopBits;
  return Math.floor(settings.baudRate / bitsPerCharacter);
}
