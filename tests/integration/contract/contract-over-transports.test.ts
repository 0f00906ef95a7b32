/**
 * One contract test-suite, run over both transports the station uses: what holds over the
 * WebSocket must hold over the MessagePort, and the other way round.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContractClient } from '../../../electron/contract/ContractClient.js';
import { ContractServer } from '../../../electron/contract/ContractServer.js';
import type { Observation } from '../../../electron/contract/domain.js';
import { ContractError } from '../../../electron/contract/errors.js';
import {
  stationContract,
  type StationContract,
} from '../../../electron/contract/StationContract.js';
import { decodeWaveFrame, encodeWaveFrame } from '../../../electron/contract/WaveFrameCodec.js';
import { handlersFor } from '../../support/contractHandlers.js';
import {
  messagePortTransport,
  webSocketTransport,
  type EndpointPair,
} from '../../support/contractPairs.js';

const spo2: Observation = {
  bed: 'bed-1',
  device: 'ox-1',
  code: 150456,
  value: 97,
  unit: '%',
  time: 1_700_000_000_000,
  status: 'valid',
  demo: false,
};

function testHandlers() {
  return {
    'station.info': vi.fn(() => ({
      name: 'Test ward',
      version: '0.0.0',
      startedAt: 1,
      engineRestarts: 0,
      demo: false,
    })),
    'beds.list': vi.fn(() => [{ id: 'bed-1', label: 'Bed 1', patient: null, demo: false }]),
    'observations.latest': vi.fn(({ bed }: { bed?: string | undefined }) =>
      bed === undefined || bed === 'bed-1' ? [spo2] : [],
    ),
    'waves.streams': vi.fn(() => []),
    'alarms.active': vi.fn((): never => {
      throw new Error('alarm store unavailable');
    }),
    'links.list': vi.fn(() => []),
  };
}

function nextMessage(pair: EndpointPair): Promise<unknown> {
  return new Promise((resolve) => pair.client.onMessage(resolve));
}

for (const transport of [messagePortTransport, webSocketTransport]) {
  describe(`station contract over ${transport.name}`, () => {
    let pair: EndpointPair;
    let handlers: ReturnType<typeof testHandlers>;
    let server: ContractServer<StationContract>;
    let client: ContractClient<StationContract>;
    const warnings: string[] = [];

    beforeEach(async () => {
      pair = await transport.connect();
      handlers = testHandlers();
      server = new ContractServer(stationContract, handlersFor(handlers), {
        warn: (m) => warnings.push(m),
      });
      server.attach(pair.server);
      client = new ContractClient(stationContract, { callTimeoutMs: 2_000 });
    });

    afterEach(async () => {
      await pair.close();
    });

    it('answers a call with its typed result', async () => {
      client.attach(pair.client);
      const latest = await client.call('observations.latest', { bed: 'bed-1' });
      expect(latest).toEqual([spo2]);
      expect(handlers['observations.latest']).toHaveBeenCalledWith({ bed: 'bed-1' });
    });

    it('rejects an unknown call with UNKNOWN_CALL, before any handler', async () => {
      const reply = nextMessage(pair);
      pair.sendRaw({ kind: 'call', id: 7, call: 'store.dropAllTables', input: {} });
      expect(await reply).toMatchObject({
        kind: 'result',
        id: 7,
        ok: false,
        error: { code: 'UNKNOWN_CALL' },
      });
      for (const h of Object.values(handlers)) expect(h).not.toHaveBeenCalled();
    });

    it('rejects a call named like an Object prototype member', async () => {
      const reply = nextMessage(pair);
      pair.sendRaw({ kind: 'call', id: 8, call: 'constructor', input: {} });
      expect(await reply).toMatchObject({ id: 8, ok: false, error: { code: 'UNKNOWN_CALL' } });
    });

    it('rejects invalid input with INVALID_INPUT naming the field, before the handler', async () => {
      client.attach(pair.client);
      const call = client.call('observations.latest', { bed: 42 } as unknown as { bed: string });
      await expect(call).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      const error = (await call.catch((e: unknown) => e)) as ContractError;
      expect(error).toBeInstanceOf(ContractError);
      expect(error.issues?.[0]?.path).toBe('bed');
      expect(handlers['observations.latest']).not.toHaveBeenCalled();
    });

    it('rejects unexpected extra input keys', async () => {
      client.attach(pair.client);
      await expect(
        client.call('beds.list', { everything: true } as unknown as Record<string, never>),
      ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      expect(handlers['beds.list']).not.toHaveBeenCalled();
    });

    it('turns a throwing handler into HANDLER_FAILED and keeps serving', async () => {
      client.attach(pair.client);
      await expect(client.call('alarms.active', {})).rejects.toMatchObject({
        code: 'HANDLER_FAILED',
        message: 'alarm store unavailable',
      });
      expect(await client.call('beds.list', {})).toHaveLength(1);
    });

    it('answers malformed messages with BAD_MESSAGE and stays up', async () => {
      const replies: unknown[] = [];
      pair.client.onMessage((m) => replies.push(m));
      const garbage: (string | object)[] = [
        'not json {',
        { kind: 'call' },
        { kind: 'call', id: 'x', call: 'beds.list' },
        { kind: 'result', id: 1, ok: true },
        [],
        '42',
      ];
      for (const g of garbage) pair.sendRaw(g);
      client.attach(pair.client);
      expect(await client.call('beds.list', {})).toHaveLength(1);
      const bad = replies.filter(
        (r) => (r as { error?: { code?: string } }).error?.code === 'BAD_MESSAGE',
      );
      // The MessagePort carries objects, so 'not json {' arrives as a (non-call) string there.
      expect(bad).toHaveLength(garbage.length);
    });

    it('survives a burst of random messages', async () => {
      let seed = 12345;
      const random = (): number => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed / 0x7fffffff;
      };
      const calls = Object.keys(stationContract.calls);
      for (let i = 0; i < 500; i++) {
        const call = random() < 0.5 ? calls[Math.floor(random() * calls.length)] : `x${i}`;
        const input = [null, 1, 'a', { bed: random() }, { bed: 'bed-1', extra: 1 }, []][i % 6];
        pair.sendRaw({ kind: 'call', id: 1_000_000 + i, call, input });
      }
      client.attach(pair.client);
      expect(await client.call('station.info', {})).toMatchObject({ name: 'Test ward' });
    });

    it('delivers events to the client', async () => {
      client.attach(pair.client);
      await client.call('beds.list', {});
      const received = new Promise((resolve) => client.on('observations', resolve));
      server.emit('observations', [spo2]);
      expect(await received).toEqual([spo2]);
    });

    it('carries wave frames as binary, intact', async () => {
      client.attach(pair.client);
      await client.call('beds.list', {});
      const samples = Int16Array.from({ length: 75 }, (_, i) => Math.round(1000 * Math.sin(i / 5)));
      const received = new Promise<ArrayBuffer>((resolve) => client.onBinary(resolve));
      server.emitBinary(
        encodeWaveFrame({ time: 5, segments: [{ streamId: 3, seq: 1500, t0: 4, samples }] }),
      );
      const frame = decodeWaveFrame(await received);
      expect(frame.segments[0]?.streamId).toBe(3);
      expect(frame.segments[0]?.seq).toBe(1500);
      expect(Array.from(frame.segments[0]?.samples ?? [])).toEqual(Array.from(samples));
    });

    it('fails calls in flight with DISCONNECTED when the connection is lost', async () => {
      client.attach(pair.client);
      // A handler that never answers: the only way out is the lost connection.
      handlers['beds.list'].mockImplementationOnce((() => new Promise(() => undefined)) as never);
      const hanging = client.call('beds.list', {});
      client.detach();
      await expect(hanging).rejects.toMatchObject({ code: 'DISCONNECTED' });
    });
  });
}
