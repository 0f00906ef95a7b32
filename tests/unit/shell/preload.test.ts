import { MessageChannel, type MessagePort as NodeMessagePort } from 'node:worker_threads';
import { contextBridge, ipcRenderer } from 'electron';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { StationConnection } from '../../../electron/contract/StationConnection.js';
import type { MessagePortLike } from '../../../electron/contract/transports/MessagePortEndpoint.js';
import type { CallMessage, ServerMessage } from '../../../electron/contract/wire.js';

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class FakeIpcRenderer extends EventEmitter {
    readonly send = vi.fn();
  }
  return { contextBridge: { exposeInMainWorld: vi.fn() }, ipcRenderer: new FakeIpcRenderer() };
});

// Loading the preload is what a sandboxed renderer does before the page's scripts run.
await import('../../../electron/preload/index.js');

const openPorts: NodeMessagePort[] = [];
afterAll(() => {
  for (const port of openPorts) port.close();
});

function exposed(): { key: unknown; api: StationConnection } {
  const calls = vi.mocked(contextBridge.exposeInMainWorld).mock.calls;
  expect(calls).toHaveLength(1);
  const [key, api] = calls[0] ?? [];
  return { key, api: api as StationConnection };
}

interface DomLikePort extends MessagePortLike {
  addEventListener(type: string, listener: (event: { data: unknown }) => void): void;
}

/**
 * A channel whose renderer end looks like a DOM MessagePort (what the preload receives) and
 * whose other end plays the engine, answering each call with `answer` (null: no answer).
 */
function engineChannel(answer: (call: CallMessage) => ServerMessage | null) {
  const { port1, port2 } = new MessageChannel();
  openPorts.push(port1, port2);
  port2.on('message', (message: CallMessage) => {
    const reply = answer(message);
    if (reply) port2.postMessage(reply);
  });
  const rendererEnd: DomLikePort = {
    postMessage: (message) => port1.postMessage(message),
    start: () => port1.start(),
    close: () => port1.close(),
    // Node's port also has on(), which hands over bare data: leave it out, as a DOM port does.
    addEventListener: (type, listener) =>
      port1.addEventListener(type, (event) => listener(event as unknown as { data: unknown })),
  };
  return { rendererEnd, engineEnd: port2 };
}

const connectCalls = () =>
  vi.mocked(ipcRenderer.send).mock.calls.filter(([channel]) => channel === 'station:connect');

describe('preload', () => {
  it('exposes exactly the StationConnection functions, as wardStation', () => {
    const { key, api } = exposed();
    expect(key).toBe('wardStation');
    expect(Object.getPrototypeOf(api)).toBe(Object.prototype);
    expect(Object.keys(api).sort()).toEqual([
      'call',
      'isConnected',
      'on',
      'onBinary',
      'onConnection',
    ]);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('exposes nothing of ipcRenderer', () => {
    const { api } = exposed();
    const ipcMembers = new Set<unknown>([ipcRenderer, ipcRenderer.send, ipcRenderer.on]);
    for (const [name, value] of Object.entries(api)) {
      expect(name).not.toMatch(/ipc/i);
      expect(ipcMembers.has(value)).toBe(false);
    }
  });

  it('asks main for a port as soon as it loads, and is disconnected until one comes', () => {
    expect(connectCalls()).toHaveLength(1);
    expect(exposed().api.isConnected()).toBe(false);
  });

  it('ignores a port message that carries no port', () => {
    ipcRenderer.emit('station:port', { ports: [] });
    expect(exposed().api.isConnected()).toBe(false);
  });

  it('carries calls, events and wave frames over the port main hands over', async () => {
    const { api } = exposed();
    const states: string[] = [];
    api.onConnection((state) => states.push(state));
    const { rendererEnd, engineEnd } = engineChannel((call) => ({
      kind: 'result',
      id: call.id,
      ok: true,
      value: { name: 'Ward 4B', call: call.call },
    }));
    ipcRenderer.emit('station:port', { ports: [rendererEnd] });
    expect(api.isConnected()).toBe(true);
    expect(states).toEqual(['connected']);

    await expect(api.call('station.info', {})).resolves.toEqual({
      name: 'Ward 4B',
      call: 'station.info',
    });

    const alarms = new Promise((resolve) => api.on('alarms.changed', resolve));
    engineEnd.postMessage({ kind: 'event', event: 'alarms.changed', data: [] });
    await expect(alarms).resolves.toEqual([]);

    const frame = new Promise<ArrayBuffer>((resolve) => api.onBinary(resolve));
    engineEnd.postMessage(new Uint8Array([1, 2, 3]).buffer);
    expect(new Uint8Array(await frame)).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('rejects a failed call with the plain error shape, so the code survives the bridge', async () => {
    const { rendererEnd } = engineChannel((call) => ({
      kind: 'result',
      id: call.id,
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'bed: expected string' },
    }));
    ipcRenderer.emit('station:port', { ports: [rendererEnd] });
    const failure: unknown = await exposed()
      .api.call('observations.latest', {})
      .catch((error: unknown) => error);
    expect(failure).not.toBeInstanceOf(Error);
    expect(failure).toEqual({ code: 'INVALID_INPUT', message: 'bed: expected string' });
  });

  it('asks for a new port after an engine restart; the new port replaces the old', async () => {
    const { api } = exposed();
    const silent = engineChannel(() => null);
    ipcRenderer.emit('station:port', { ports: [silent.rendererEnd] });
    const stranded = api.call('beds.list', {}).catch((error: unknown) => error);

    ipcRenderer.emit('station:engine-restarted');
    expect(connectCalls()).toHaveLength(2);

    const fresh = engineChannel((call) => ({ kind: 'result', id: call.id, ok: true, value: [] }));
    ipcRenderer.emit('station:port', { ports: [fresh.rendererEnd] });
    await expect(stranded).resolves.toMatchObject({ code: 'DISCONNECTED' });
    await expect(api.call('beds.list', {})).resolves.toEqual([]);
  });
});
