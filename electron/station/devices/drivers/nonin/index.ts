/** Nonin pulse oximeters in serial Data Format 7 (OEM III, Xpod, 9560 and others). */
import type { DeviceDriver } from '../DeviceDriver.js';
import { NoninDecoder } from './NoninDecoder.js';
import { NoninSimulator, type NoninSimulatorOptions } from './NoninSimulator.js';

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
  createDecoder: (context) => new NoninDecoder(context),
  createSimulator: (options) => new NoninSimulator(options),
};
