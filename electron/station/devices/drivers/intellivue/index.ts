/** Philips IntelliVue monitors (MP/MX series) through Data Export on the MIB/RS232 port. */
import type { DeviceDriver } from '../DeviceDriver.js';
import { concatBytes } from './IntelliVueBytes.js';
import { defaultIntelliVueCapture } from './IntelliVueCapture.js';
import { IntelliVueDecoder } from './IntelliVueDecoder.js';
import {
  CaptureReplay,
  INTELLIVUE_LINE_BYTES_PER_SECOND,
  IntelliVueSimulator,
  type IntelliVueSimulatorOptions,
} from './IntelliVueSimulator.js';

/** The real capture from its start (accept, MDS Create, poll results), looping when longer. */
function exampleStream(seconds: number): Uint8Array {
  const replay = new CaptureReplay(defaultIntelliVueCapture());
  return concatBytes([replay.opening, ...replay.takeDue(seconds * 1000)]);
}

export const intellivueMibDriver: DeviceDriver<IntelliVueSimulatorOptions> = {
  protocol: 'philips-intellivue-mib',
  label: 'Philips IntelliVue monitor (Data Export, MIB/RS232)',
  serialDefaults: {
    baudRate: 115_200,
    dataBits: 8,
    parity: 'none',
    stopBits: 1,
    flowControl: 'none',
  },
  lineBytesPerSecond: INTELLIVUE_LINE_BYTES_PER_SECOND,
  createDecoder: (context, io) => new IntelliVueDecoder(context, io),
  createSimulator: (options) => new IntelliVueSimulator(options),
  exampleStream,
};
