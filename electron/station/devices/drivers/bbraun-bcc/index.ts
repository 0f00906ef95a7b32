/** B. Braun Space infusion pumps through a SpaceCom / ComDevice speaking BCC (TCP 4001 or RS-232). */
import type { DeviceDriver } from '../DeviceDriver.js';
import { BBraunBccDecoder, BCC_POLL_INTERVAL_MS } from './BBraunBccDecoder.js';
import { BCC_DEFAULT_BED_ID, BccControl, BccRequest, encodeBccFrame } from './BccCodec.js';
import { BBraunBccSimulator, type BBraunBccSimulatorOptions } from './BBraunBccSimulator.js';

const EXAMPLE_START = Date.UTC(2024, 0, 1, 8, 0, 0);
const EXAMPLE_BED_ID = 'ComSystem';

/** The rack's side of a session: ALIVE answered, then one MEM:GET every 5 s, each block ACKed. */
function exampleStream(seconds: number): Uint8Array {
  let now = EXAMPLE_START;
  const chunks: Uint8Array[] = [];
  const rack = new BBraunBccSimulator({ clock: () => now, bedId: EXAMPLE_BED_ID });
  rack.start((bytes) => chunks.push(bytes));
  const ack = Uint8Array.of(BccControl.ACK);
  const exchange = (request: Uint8Array): void => {
    let sent = chunks.length;
    rack.receive(request);
    while (chunks.length > sent) {
      sent = chunks.length;
      rack.receive(ack);
    }
  };
  exchange(encodeBccFrame(BCC_DEFAULT_BED_ID, BccRequest.ALIVE));
  const polls = Math.floor((seconds * 1000) / BCC_POLL_INTERVAL_MS);
  for (let i = 0; i < polls; i++) {
    now += BCC_POLL_INTERVAL_MS;
    exchange(encodeBccFrame(EXAMPLE_BED_ID, BccRequest.GET_ALL));
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

export const bbraunBccDriver: DeviceDriver<BBraunBccSimulatorOptions> = {
  protocol: 'bbraun-space-bcc',
  label: 'B. Braun Space infusion pumps (SpaceCom BCC)',
  serialDefaults: {
    baudRate: 9600,
    dataBits: 8,
    parity: 'none',
    stopBits: 1,
    flowControl: 'none',
  },
  // 9600 baud 8N1: 10 bits a byte on the wire.
  lineBytesPerSecond: 960,
  createDecoder: (context, io) => new BBraunBccDecoder(context, io),
  createSimulator: (options) => new BBraunBccSimulator(options),
  exampleStream,
};
