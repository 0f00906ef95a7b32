/** Masimo Radical-7 pulse CO-oximeter, serial "ASCII 1" output. */
import type { DeviceDriver } from '../DeviceDriver.js';
import {
  MASIMO_LINE_BYTES_PER_SECOND,
  MASIMO_LINE_INTERVAL_MS,
  MASIMO_SERIAL_SETTINGS,
} from './MasimoAsciiCodec.js';
import { MasimoAsciiDecoder } from './MasimoAsciiDecoder.js';
import {
  MasimoAsciiSimulator,
  MasimoLineGenerator,
  type MasimoSimulatorOptions,
} from './MasimoAsciiSimulator.js';

/** A fixed device clock, so the example stream is the same on every run. */
const EXAMPLE_CLOCK_START = Date.UTC(2024, 0, 1, 8, 0, 0);
const ascii = new TextEncoder();

export const masimoAsciiDriver: DeviceDriver<MasimoSimulatorOptions> = {
  protocol: 'masimo-radical7-ascii',
  label: 'Masimo Radical-7 (serial ASCII 1)',
  serialDefaults: MASIMO_SERIAL_SETTINGS,
  lineBytesPerSecond: MASIMO_LINE_BYTES_PER_SECOND,
  createDecoder: (context) => new MasimoAsciiDecoder(context),
  createSimulator: (options) => new MasimoAsciiSimulator(options),
  exampleStream: (seconds) => {
    const generator = new MasimoLineGenerator({ seed: 1, clockStart: EXAMPLE_CLOCK_START });
    const lines = Math.round((seconds * 1000) / MASIMO_LINE_INTERVAL_MS);
    return ascii.encode(Array.from({ length: lines }, () => generator.nextLine()).join(''));
  },
};
