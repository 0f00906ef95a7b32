import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance } from '../../../electron/main/single-instance.js';

type ClaimableApp = Parameters<typeof claimSingleInstance>[0];

function fakeApp(gotLock: boolean) {
  const events = new EventEmitter();
  const app = {
    requestSingleInstanceLock: vi.fn(() => gotLock),
    quit: vi.fn(),
    on: (event: string, listener: () => void) => events.on(event, listener),
  };
  return { app: app as unknown as ClaimableApp, fake: app, events };
}

describe('claimSingleInstance', () => {
  it('quits when another instance holds the lock, and never shows anything', () => {
    const { app, fake, events } = fakeApp(false);
    const show = vi.fn();
    expect(claimSingleInstance(app, show)).toBe(false);
    expect(fake.quit).toHaveBeenCalledOnce();
    expect(events.listenerCount('second-instance')).toBe(0);
    expect(show).not.toHaveBeenCalled();
  });

  it('keeps running with the lock and shows itself when a second instance starts', () => {
    const { app, fake, events } = fakeApp(true);
    const show = vi.fn();
    expect(claimSingleInstance(app, show)).toBe(true);
    expect(fake.quit).not.toHaveBeenCalled();
    events.emit('second-instance', {}, ['ward-station'], '/');
    expect(show).toHaveBeenCalledOnce();
  });
});
