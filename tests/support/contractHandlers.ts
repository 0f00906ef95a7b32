/**
 * Full handler sets for tests and benches that serve only a few calls: every other call answers
 * HANDLER_FAILED, so the suites need no edit each time the contract grows.
 */
import type { CallHandlers } from '../../electron/contract/definition.js';
import { stationContract, type StationContract } from '../../electron/contract/StationContract.js';

export function handlersFor(
  served: Partial<CallHandlers<StationContract>>,
): CallHandlers<StationContract> {
  const all: Record<string, unknown> = {};
  for (const name of Object.keys(stationContract.calls)) {
    all[name] =
      (served as Record<string, unknown>)[name] ??
      (() => {
        throw new Error(`${name} is not served in this test`);
      });
  }
  return all as CallHandlers<StationContract>;
}
