/**
 * The station engine: device links → observations and waves → store, live feed and alarms →
 * the contract. Plain Node; it never imports electron, so all of it runs under test.
 */
import type { Bed, DeviceLinkStatus, StationInfo } from '../../contract/domain.js';
import { ContractServer } from '../../contract/ContractServer.js';
import { ContractError } from '../../contract/errors.js';
import { stationContract, type StationContract } from '../../contract/StationContract.js';
import type { ContractEndpoint } from '../../contract/transports/ContractEndpoint.js';
import type { CallHandlers } from '../../contract/definition.js';
import { AlarmCenter } from '../alarms/AlarmCenter.js';
import { AlarmActionError, type AlarmRegistry } from '../alarms/AlarmRegistry.js';
import type { StationConfig } from '../config/StationConfigSchema.js';
import { DeviceLink } from '../devices/DeviceLink.js';
import { findDriver, knownProtocols } from '../devices/drivers/registry.js';
import { LiveFeed } from '../live/LiveFeed.js';
import { InfusionBoard } from '../pumps/InfusionBoard.js';
import type { Log } from '../log/StationLog.js';
import { StationStore, type StoreProblem } from '../store/StationStore.js';
import type { EngineExit } from '../supervision/EngineProtocol.js';
import { EngineDiagnosticsProbe } from './EngineDiagnosticsProbe.js';
import { STATION_VERSION } from './version.js';

export interface StationEngineOptions {
  dataDir: string;
  config: StationConfig;
  demo: boolean;
  restart: { count: number; lastExit: EngineExit; at: number } | null;
  sqliteBinding: string | null;
  log: Log;
}

export const ENGINE_RESTARTED = 'station.engine-restarted';
const LINK_NO_DATA = 'link.no-data';
const LINK_MISCONFIGURED = 'link.misconfigured';
const LINK_STATUS_INTERVAL_MS = 1_000;
const UNIDENTIFIED_USER = 'unidentified (no login yet)';

/** A refusal (no such alarm, policy forbids it) is an answer, not a failure of the engine. */
function rejectRefusals<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof AlarmActionError) {
      throw new ContractError({ code: 'REJECTED', message: error.message });
    }
    throw error;
  }
}

function describeExit(exit: EngineExit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code ?? 'unknown'}`;
}

export class StationEngine {
  readonly server: ContractServer<StationContract>;
  private readonly alarmCenter: AlarmCenter;
  private readonly alarms: AlarmRegistry;
  private readonly live: LiveFeed;
  private readonly links: DeviceLink[] = [];
  private readonly infusions = new InfusionBoard();
  private readonly diagnostics = new EngineDiagnosticsProbe();
  private readonly startedAt = Date.now();
  private linkStatusTimer: ReturnType<typeof setInterval> | null = null;

  private constructor(
    private readonly options: StationEngineOptions,
    private readonly store: StationStore,
  ) {
    const { log } = options;
    this.alarmCenter = new AlarmCenter(
      options.config.alarms,
      options.config.beds.map((b) => b.id),
      log,
      (signals) => this.server.emit('alarms.signalsChanged', signals),
    );
    this.alarms = this.alarmCenter.registry;
    this.server = new ContractServer(stationContract, this.handlers(), log);
    this.live = new LiveFeed({
      hasClients: () => this.server.clientCount > 0,
      waveFrame: (frame) => this.server.emitBinary(frame),
      observations: (o) => this.server.emit('observations', o),
      streamsChanged: (s) => this.server.emit('waves.streamsChanged', s),
    });
    this.alarms.onChange((list, changed) => {
      this.store.upsertAlarm(changed);
      this.server.emit('alarms.changed', list);
    });
  }

  static start(options: StationEngineOptions): StationEngine {
    const store = StationStore.open({
      dataDir: options.dataDir,
      log: options.log,
      nativeBinding: options.sqliteBinding,
    });
    const engine = new StationEngine(options, store);
    engine.carryOverAlarms();
    store.onProblem((p) => engine.storeProblem(p));
    for (const p of store.startupProblems) engine.storeProblem(p);
    if (options.restart) engine.announceRestart(options.restart);
    engine.startLinks();
    engine.live.start();
    engine.linkStatusTimer = setInterval(
      () => engine.server.emit('links.changed', engine.linkStatuses()),
      LINK_STATUS_INTERVAL_MS,
    );
    return engine;
  }

  attachClient(endpoint: ContractEndpoint): void {
    this.server.attach(endpoint);
  }

  async stop(): Promise<void> {
    if (this.linkStatusTimer) clearInterval(this.linkStatusTimer);
    this.live.stop();
    this.alarmCenter.stop();
    this.diagnostics.stop();
    await Promise.all(this.links.map((l) => l.stop()));
    this.server.closeAll();
    this.store.close();
  }

  private handlers(): CallHandlers<StationContract> {
    return {
      'station.info': () => this.info(),
      'station.diagnostics': () => this.diagnostics.read(),
      'beds.list': () => this.beds(),
      'observations.latest': ({ bed }) => this.store.latestObservations(bed),
      'waves.streams': () => this.live.streams.list(),
      'alarms.active': () => this.alarms.list(),
      'alarms.acknowledge': ({ id }) => {
        // Until logins exist (security issue) an action cannot be tied to a person.
        rejectRefusals(() => this.alarmCenter.acknowledge(id, UNIDENTIFIED_USER));
        return null;
      },
      'alarms.pauseAudio': ({ bed }) => {
        rejectRefusals(() => this.alarmCenter.pauseAudio(bed));
        return this.alarmCenter.signalState();
      },
      'alarms.resumeAudio': ({ bed }) => {
        rejectRefusals(() => this.alarmCenter.resumeAudio(bed));
        return this.alarmCenter.signalState();
      },
      'alarms.signals': () => this.alarmCenter.signalState(),
      'limits.get': ({ bed }) => rejectRefusals(() => this.alarmCenter.limits(bed)),
      'limits.set': ({ bed, code, limits }) =>
        rejectRefusals(() => this.alarmCenter.setLimits(bed, code, limits)),
      'links.list': () => this.linkStatuses(),
      'infusions.list': ({ bed }) => this.infusions.list(bed),
    };
  }

  private info(): StationInfo {
    return {
      name: this.options.config.unit.name,
      version: STATION_VERSION,
      startedAt: this.startedAt,
      engineRestarts: this.options.restart?.count ?? 0,
      demo: this.options.demo,
    };
  }

  private beds(): Bed[] {
    const demoBeds = new Set(this.options.config.links.filter((l) => l.demo).map((l) => l.bed));
    return this.options.config.beds.map((b) => ({
      id: b.id,
      label: b.label,
      patient: null,
      demo: this.options.demo || demoBeds.has(b.id),
    }));
  }

  private linkStatuses(): DeviceLinkStatus[] {
    return this.links.map((l) => l.status());
  }

  /**
   * Conditions from before this start are re-evaluated by the new engine, so they end here;
   * an engine restart is the exception: nobody has seen it yet if it is still active.
   */
  private carryOverAlarms(): void {
    const now = Date.now();
    for (const alarm of this.store.activeAlarms()) {
      if (alarm.code === ENGINE_RESTARTED) this.alarms.restore(alarm, { endsOnAcknowledge: true });
      else this.store.upsertAlarm({ ...alarm, state: 'ended', endedAt: now });
    }
  }

  private announceRestart(restart: NonNullable<StationEngineOptions['restart']>): void {
    const at = new Date(restart.at).toLocaleTimeString('en-GB');
    this.alarms.raiseTechnical(
      {
        code: ENGINE_RESTARTED,
        bed: null,
        source: 'station',
        priority: 'medium',
        text: `Station engine restarted at ${at} (${describeExit(restart.lastExit)}); live data may have a gap`,
      },
      { endsOnAcknowledge: true },
    );
  }

  private storeProblem(problem: StoreProblem): void {
    this.alarms.raiseTechnical({
      code: problem.code,
      bed: null,
      source: 'store',
      priority: 'medium',
      text: problem.message,
    });
  }

  private startLinks(): void {
    const { config, log } = this.options;
    const bedLabel = new Map(config.beds.map((b) => [b.id, b.label]));
    for (const linkConfig of config.links) {
      const driver = findDriver(linkConfig.protocol);
      if (!driver) {
        this.alarms.raiseTechnical({
          code: LINK_MISCONFIGURED,
          bed: linkConfig.bed,
          source: linkConfig.id,
          priority: 'medium',
          text: `Link ${linkConfig.id}: unknown protocol "${linkConfig.protocol}" (known: ${knownProtocols().join(', ')})`,
        });
        continue;
      }
      const condition = { code: LINK_NO_DATA, bed: linkConfig.bed, source: linkConfig.id };
      const link = new DeviceLink(
        linkConfig,
        driver,
        {
          decoded: (batch) => {
            this.store.writeObservations(batch.observations);
            this.store.writeWaves(batch.waves);
            this.live.addObservations(batch.observations);
            this.alarmCenter.observe(batch.observations);
            this.live.addWaves(batch.waves);
            for (const report of batch.alarms ?? []) this.alarms.reportDevice(report);
            const changedPumps = this.infusions.update(batch.infusions ?? []);
            if (changedPumps.length > 0) this.server.emit('infusions.changed', changedPumps);
          },
          changed: (status) => this.server.emit('links.changed', [status]),
          noData: (_id, silent, detail) => {
            if (silent) {
              this.alarms.raiseTechnical({
                ...condition,
                priority: 'medium',
                text: `${bedLabel.get(linkConfig.bed) ?? linkConfig.bed}: ${driver.label}: ${detail}`,
              });
            } else {
              this.alarms.clear(condition);
            }
          },
        },
        log,
      );
      this.links.push(link);
      link.start();
    }
  }
}
