import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EnginePortBroker, type PortRequest } from '../../../electron/main/EnginePortBroker.js';

/** Records every channel main creates, so a test can tell whether a port was handed out. */
const channels = vi.hoisted(() => {
  class FakePort {
    constructor(readonly name: string) {}
  }
  class FakeMessageChannelMain {
    static created: FakeMessageChannelMain[] = [];
    readonly port1 = new FakePort('port1');
    readonly port2 = new FakePort('port2');
    constructor() {
      FakeMessageChannelMain.created.push(this);
    }
  }
  return FakeMessageChannelMain;
});

vi.mock('electron', () => ({ MessageChannelMain: channels }));

const WINDOW_ID = 7;

function request(overrides: {
  senderId?: number;
  url?: string;
  parent?: unknown;
  detached?: boolean;
  frame?: null;
}) {
  const postMessage = vi.fn();
  const req: PortRequest = {
    sender: { id: overrides.senderId ?? WINDOW_ID, postMessage },
    senderFrame:
      overrides.frame === null
        ? null
        : {
            url: overrides.url ?? 'app://station/index.html',
            parent: overrides.parent ?? null,
            detached: overrides.detached ?? false,
          },
  };
  return { req, postMessage };
}

function broker(engineRunning = true) {
  const engine = { send: vi.fn() };
  const log = { warn: vi.fn() };
  const subject = new EnginePortBroker(
    { id: WINDOW_ID },
    new URL('app://station/index.html'),
    () => (engineRunning ? engine : null),
    log,
  );
  return { subject, engine, log };
}

beforeEach(() => {
  channels.created = [];
});

describe('EnginePortBroker', () => {
  it("gives the station window's main frame one end of a new channel, the engine the other", () => {
    const { subject, engine } = broker();
    const { req, postMessage } = request({});
    expect(subject.connect(req)).toBe(true);
    expect(channels.created).toHaveLength(1);
    const channel = channels.created[0];
    expect(engine.send).toHaveBeenCalledExactlyOnceWith({ type: 'connect-client' }, [
      channel?.port1,
    ]);
    expect(postMessage).toHaveBeenCalledExactlyOnceWith('station:port', null, [channel?.port2]);
  });

  it.each([
    ['another window', { senderId: 8 }, 'not the station window'],
    ['a frame that is gone', { frame: null }, 'sender frame gone'],
    ['a detached frame', { detached: true }, 'sender frame gone'],
    ['a subframe', { parent: { url: 'app://station/index.html' } }, 'not the main frame'],
    ['another origin', { url: 'https://example.com/' }, 'untrusted origin'],
    ['another app: host', { url: 'app://evil/index.html' }, 'untrusted origin'],
    ['a file: page', { url: 'file:///tmp/index.html' }, 'untrusted origin'],
  ] as const)('refuses %s: no channel, no port, a log line', (_name, overrides, reason) => {
    const { subject, engine, log } = broker();
    const { req, postMessage } = request(overrides);
    expect(subject.connect(req)).toBe(false);
    expect(channels.created).toHaveLength(0);
    expect(engine.send).not.toHaveBeenCalled();
    expect(postMessage).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledWith(
      'shell: engine port refused',
      expect.objectContaining({ reason }),
    );
  });

  it('makes no channel while the engine is down', () => {
    const { subject, log } = broker(false);
    const { req, postMessage } = request({});
    expect(subject.connect(req)).toBe(false);
    expect(channels.created).toHaveLength(0);
    expect(postMessage).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledOnce();
  });
});
