/**
 * A simulated device behind a serial device server: a loopback TCP port where each connection
 * gets a device simulator speaking its real protocol at its real pace. The station's links
 * connect to it exactly as they would to a Moxa-style terminal server on the ward.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { DeviceSimulator } from '../drivers/DeviceDriver.js';

export class SimulatedDeviceServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(createSimulator: () => DeviceSimulator) {
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      const simulator = createSimulator();
      socket.setNoDelay(true);
      socket.on('data', (bytes: Buffer) => simulator.receive?.(bytes));
      socket.on('error', () => socket.destroy());
      socket.on('close', () => {
        simulator.stop();
        this.sockets.delete(socket);
      });
      simulator.start((bytes) => {
        if (!socket.destroyed) socket.write(bytes);
      });
    });
  }

  /** Listens on loopback only; port 0 takes a free port. Resolves with the port. */
  listen(port = 0, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const address = this.server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
