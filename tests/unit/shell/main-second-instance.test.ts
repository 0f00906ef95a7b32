import * as electron from 'electron';
import { expect, it, vi } from 'vitest';
import type { FakeElectron } from './fake-electron.js';

vi.mock('electron', async () => {
  const { createFakeElectron } = await import('./fake-electron.js');
  return createFakeElectron({ gotLock: false, userData: '/nonexistent/ward-station' });
});

const fake = electron as unknown as FakeElectron;

it('quits at once when another station app holds the lock, opening and starting nothing', async () => {
  await import('../../../electron/main/index.js');
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(fake.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
  expect(fake.app.quit).toHaveBeenCalledOnce();
  expect(fake.app.whenReady).not.toHaveBeenCalled();
  expect(fake.windows).toHaveLength(0);
  expect(fake.utilityProcess.fork).not.toHaveBeenCalled();
  expect(fake.powerSaveBlocker.start).not.toHaveBeenCalled();
});
