/** Alaris (BD / CareFusion) Asena GH / CC syringe pumps on their RS-232 port. */
import type { DeviceDriver } from '../DeviceDriver.js';
import {
  AlarisAsenaDecoder,
  ASENA_POLL_CYCLE,
  ASENA_POLL_INTERVAL_MS,
} from './AlarisAsenaDecoder.js';
import { AsenaCommand, encodeAsenaMessage } from './AsenaCodec.js';
import { AlarisAsenaSimulator, type AlarisAsenaSimulatorOptions } from './AlarisAsenaSimulator.js';

const EXAMPLE_START = Date.UTC(2024, 0, 1, 8, 0, 0);

/** The pump's side of a session: its protocol version, then an ALARM / INF_VTBI / INF cycle every 2 s. */
function exampleStream(seconds: number): Uint8Array {
  let now = EXAMPLE_START;
  const chunks: Uint8Array[] = [];
  const pump = new AlarisAsenaSimulator({ clock: () => now });
  pump.start((bytes) => chunks.push(bytes));
  const ask = (command: string): void => pump.receive(encodeAsenaMessage([command]));
  ask(AsenaCommand.PROTOCOL_VERSION);
  const cycles = Math.floor((seconds * 1000) / ASENA_POLL_INTERVAL_MS);
  for (let i = 0; i < cycles; i++) {
    now += ASENA_POLL_INTERVAL_MS;
    for (const command of ASENA_POLL_CYCLE) ask(command);
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

export const alarisAsenaDriver: DeviceDriver<AlarisAsenaSimulatorOptions> = {
  protocol: 'alaris-asena',
  label: 'Alaris Asena syringe pump (RS-232)',
  serialDefaults: {
    baudRate: 38400,
    dataBits: 8,
    parity: 'none',
    stopBits: 1,
    flowControl: 'none',
  },
  // 38400 baud 8N1: 10 bits a byte on the wire.
  lineBytesPerSecond: 3840,
  createDecoder: (context, io) => new AlarisAsenaDecoder(context, io),
  createSimulator: (options) => new AlarisAsenaSimulator(options),
  exampleStream,
};
