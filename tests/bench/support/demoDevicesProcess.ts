/**
 * The demo ward's simulated devices in a process of their own (run with tsx), so a benchmark can
 * measure the engine without the simulators' CPU. Prints the station configuration that connects
 * to them as one JSON line, then serves until killed.
 */
import { resolve } from 'node:path';
import { DemoWard } from '../../../electron/station/devices/simulators/DemoWard.js';

const beds = Number(process.argv[2] ?? '32');
const ward = new DemoWard(resolve('resources'));
const config = await ward.start(beds);
process.stdout.write(JSON.stringify(config) + '\n');
process.on('SIGTERM', () => {
  void ward.stop().then(() => process.exit(0));
});
