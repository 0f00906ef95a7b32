import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { EngineDiagnostics } from '../../contract/domain.js';

/** Reads the engine's own CPU, memory and event-loop delay. */
export class EngineDiagnosticsProbe {
  private readonly loopDelay: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  private readonly startedAt = performance.now();

  constructor() {
    this.loopDelay.enable();
  }

  read(): EngineDiagnostics {
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    const ns = (v: number): number => (Number.isFinite(v) ? v / 1e6 : 0);
    return {
      pid: process.pid,
      uptimeMs: performance.now() - this.startedAt,
      cpuUserMicros: cpu.user,
      cpuSystemMicros: cpu.system,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      eventLoopDelayMs: {
        p50: ns(this.loopDelay.percentile(50)),
        p99: ns(this.loopDelay.percentile(99)),
        max: ns(this.loopDelay.max),
      },
    };
  }

  stop(): void {
    this.loopDelay.disable();
  }
}
