/** GE Datex-Ohmeda S/5 monitors (and CARESCAPE B450/B650/B850, B40) on the Computer Interface. */
import type { DeviceDriver } from '../DeviceDriver.js';
import { S5Decoder, S5_NUMERICS_INTERVAL_S, S5_REQUESTED_WAVES } from './S5Decoder.js';
import { S5_LINE_BYTES_PER_SECOND, S5_SERIAL_SETTINGS } from './S5FrameCodec.js';
import { S5PhysiologicalType, S5_BASIC_CLASS_ONLY, buildS5Request } from './S5RecordCodec.js';
import { S5Monitor, S5Simulator, type S5SimulatorOptions } from './S5Simulator.js';

/** A fixed monitor clock, so the example stream is the same on every run. */
const EXAMPLE_CLOCK_START = 1_700_000_000;

/** What the monitor sends once the station's two requests have reached it at time 0. */
function exampleStream(seconds: number): Uint8Array {
  const monitor = new S5Monitor({ seed: 1, clockStart: EXAMPLE_CLOCK_START });
  monitor.receive(
    buildS5Request({
      kind: 'numerics',
      recordType: S5PhysiologicalType.DISPLAYED,
      intervalSeconds: S5_NUMERICS_INTERVAL_S,
      classMask: S5_BASIC_CLASS_ONLY,
    }),
    0,
  );
  monitor.receive(
    buildS5Request({ kind: 'waves', start: true, waves: [...S5_REQUESTED_WAVES] }),
    0,
  );
  const frames = monitor.advance(seconds * 1000);
  const out = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
  let at = 0;
  for (const frame of frames) {
    out.set(frame, at);
    at += frame.length;
  }
  return out;
}

export const geS5Driver: DeviceDriver<S5SimulatorOptions> = {
  protocol: 'ge-s5-dri',
  label: 'GE Datex-Ohmeda S/5 Computer Interface (DRI)',
  serialDefaults: S5_SERIAL_SETTINGS,
  lineBytesPerSecond: S5_LINE_BYTES_PER_SECOND,
  createDecoder: (context, io) => new S5Decoder(context, io),
  createSimulator: (options) => new S5Simulator(options),
  exampleStream,
};
