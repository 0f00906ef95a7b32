/** Nonin pulse oximeters in serial Data Format 7 (OEM III, Xpod, 9560 and others). */
import type { DeviceDriver } from '../DeviceDriver.js';
import { NoninDecoder } from './NoninDecoder.js';
import { NONIN_FRAME_RATE } from './NoninFormat7Codec.js';
import {
  NoninFrameGenerator,
  NoninSimulator,
  type NoninSimulatorOptions,
} from './NoninSimulator.js';

export const noninFormat7Driver: DeviceDriver<NoninSimulatorOptions> = {
  protocol: 'nonin-format7',
  label: 'Nonin pulse oximeter (binary Data Format 7)',
  serialDefaults: {
    baudRate: 9600,
    dataBits: 8,
    parity: 'none',
    stopBits: 1,
    flowControl: 'none',
  },
  // 9600 baud 8N1: 10 bits a byte on the wire.
  lineBytesPerSecond: 960,
  createDecoder: (context) => new NoninDecoder(context),
  createSimulator: (options) => new NoninSimulator(options),
  exampleStream: (seconds) =>
    new NoninFrameGenerator({ seed: 1 }).nextBytes(Math.round(seconds * NONIN_FRAME_RATE)),
};
