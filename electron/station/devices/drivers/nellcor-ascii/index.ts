/** Nellcor N-595 pulse oximeter, data port text output. */
import type { DeviceDriver } from '../DeviceDriver.js';
import {
  NELLCOR_LINE_BYTES_PER_SECOND,
  NELLCOR_LINE_INTERVAL_MS,
  NELLCOR_SERIAL_SETTINGS,
} from './NellcorAsciiCodec.js';
import { NellcorAsciiDecoder } from './NellcorAsciiDecoder.js';
import {
  NellcorAsciiSimulator,
  NellcorLineGenerator,
  type NellcorSimulatorOptions,
} from './NellcorAsciiSimulator.js';

/** A fixed device clock, so the example stream is the same on every run. */
const EXAMPLE_CLOCK_START = Date.UTC(2024, 0, 1, 8, 0, 0);
const ascii = new TextEncoder();

export const nellcorAsciiDriver: DeviceDriver<NellcorSimulatorOptions> = {
  protocol: 'nellcor-n595-ascii',
  label: 'Nellcor N-595 (serial data port, text)',
  serialDefaults: NELLCOR_SERIAL_SETTINGS,
  lineBytesPerSecond: NELLCOR_LINE_BYTES_PER_SECOND,
  createDecoder: (context) => new NellcorAsciiDecoder(context),
  createSimulator: (options) => new NellcorAsciiSimulator(options),
  exampleStream: (seconds) => {
    const generator = new NellcorLineGenerator({ seed: 1, clockStart: EXAMPLE_CLOCK_START });
    const lines = Math.round((seconds * 1000) / NELLCOR_LINE_INTERVAL_MS);
    return ascii.encode(Array.from({ length: lines }, () => generator.nextOutput()).join(''));
  },
};
