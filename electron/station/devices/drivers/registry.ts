/** Every protocol the station speaks. Adding a device: add its folder and one line here. */
import type { DeviceDriver } from './DeviceDriver.js';
import { noninFormat7Driver } from './nonin/index.js';
import { bbraunBccDriver } from './bbraun-bcc/index.js';
import { alarisAsenaDriver } from './alaris-asena/index.js';
import { geS5Driver } from './ge-s5/index.js';
import { masimoAsciiDriver } from './masimo-ascii/index.js';
import { nellcorAsciiDriver } from './nellcor-ascii/index.js';
import { intellivueMibDriver } from './intellivue/index.js';

const drivers: readonly DeviceDriver[] = [
  noninFormat7Driver,
  bbraunBccDriver,
  alarisAsenaDriver,
  geS5Driver,
  masimoAsciiDriver,
  nellcorAsciiDriver,
  intellivueMibDriver,
];

const byProtocol = new Map<string, DeviceDriver>(drivers.map((d) => [d.protocol, d]));

export function findDriver(protocol: string): DeviceDriver | undefined {
  return byProtocol.get(protocol);
}

export function knownProtocols(): string[] {
  return [...byProtocol.keys()];
}
