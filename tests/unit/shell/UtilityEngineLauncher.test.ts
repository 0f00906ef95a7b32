import { EventEmitter } from 'node:events';
import { utilityProcess, type UtilityProcess } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { UtilityEngineLauncher } from '../../../electron/main/UtilityEngineLauncher.js';

/** Stands in for Electron's UtilityProcess: an emitter whose postMessage and kill record calls. */
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class FakeUtilityProcess extends Emitter {
    pid: number | undefined = undefined;
    readonly postMessage = vi.fn();
    readonly kill = vi.fn(() => true);
  }
  return { utilityProcess: { fork: vi.fn(() => new FakeUtilityProcess()) } };
});

function launched() {
  const engine = new UtilityEngineLauncher('/app/out/main/engine.js').launch();
  const child = vi.mocked(utilityProcess.fork).mock.results.at(-1)?.value as UtilityProcess;
  return { engine, child };
}

beforeEach(() => {
  vi.mocked(utilityProcess.fork).mockClear();
});

describe('UtilityEngineLauncher', () => {
  it('forks the engine bundle as a named utility process with inherited output', () => {
    launched();
    expect(utilityProcess.fork).toHaveBeenCalledExactlyOnceWith('/app/out/main/engine.js', [], {
      serviceName: 'Ward Station engine',
      stdio: 'inherit',
    });
  });

  it('reports the pid once the process has one', () => {
    const { engine, child } = launched();
    expect(engine.pid).toBeUndefined();
    child.pid = 4242;
    expect(engine.pid).toBe(4242);
  });

  it('posts messages with the ports to transfer', () => {
    const { engine, child } = launched();
    const port = new EventEmitter();
    engine.send({ type: 'connect-client' }, [port]);
    engine.send({ type: 'shutdown' });
    expect(child.postMessage).toHaveBeenNthCalledWith(1, { type: 'connect-client' }, [port]);
    expect(child.postMessage).toHaveBeenNthCalledWith(2, { type: 'shutdown' }, []);
  });

  it('passes on engine messages and drops anything else', () => {
    const { engine, child } = launched();
    const handler = vi.fn();
    engine.onMessage(handler);
    child.emit('message', { type: 'heartbeat' });
    child.emit('message', { type: 'ready', gatewayUrl: null });
    child.emit('message', { type: 'connect-client' });
    child.emit('message', 'ready');
    child.emit('message', null);
    expect(handler.mock.calls).toEqual([
      [{ type: 'heartbeat' }],
      [{ type: 'ready', gatewayUrl: null }],
    ]);
  });

  it('maps the exit code to an exit without signal', () => {
    const { engine, child } = launched();
    const handler = vi.fn();
    engine.onExit(handler);
    child.emit('exit', 70);
    expect(handler).toHaveBeenCalledExactlyOnceWith({ code: 70, signal: null });
  });

  it('posts nothing to an engine that has exited', () => {
    const { engine, child } = launched();
    child.emit('exit', 1);
    engine.send({ type: 'shutdown' });
    expect(child.postMessage).not.toHaveBeenCalled();
  });

  it('kills the process whatever signal the supervisor names', () => {
    const { engine, child } = launched();
    engine.kill('SIGKILL');
    expect(child.kill).toHaveBeenCalledOnce();
  });
});
