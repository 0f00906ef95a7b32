/** Every protocol the station speaks. Adding a device: add its folder and one line here. */
import type { DeviceDriver } from './DeviceDriver.js';
import { noninFormat7Driver } from './nonin/index.js';

const drivers: readonly DeviceDriver[] = [noninFormat7Driver];

const byProtocol = new Map<string, DeviceDriver>(drivers.map((d) => [d.protocol, d]));

export function findDriver(protocol: string): DeviceDriver | undefined {
  return byProtocol.get(protocol);
}

export function knownProtocols(): string[] {
  return [...byProtocol.keys()];
}
