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
import { StorageConfig, type StationConfig } from '../config/StationConfigSchema.js';
import { DeviceLink } from '../devices/DeviceLink.js';
import { findDriver, knownProtocols } from '../devices/drivers/registry.js';
import { Hl7Service } from '../hl7/Hl7Service.js';
import { listSerialPorts } from '../devices/ports/SerialPortCatalog.js';
import { RecordingService } from '../devices/recording/RecordingService.js';
import { LiveFeed } from '../live/LiveFeed.js';
import { InfusionBoard } from '../pumps/InfusionBoard.js';
import type { Log } from '../log/StationLog.js';
import { retentionPolicy } from '../store/Retention.js';
import { StationStore, type StoreProblem, type StoreProblemCode } from '../store/StationStore.js';
import type { AuditEntry, StoreMaintenance } from '../store/StoreMaintenance.js';
import { StoreQueries } from '../store/StoreQueries.js';
import type { EngineExit } from '../supervision/EngineProtocol.js';
import { EngineDiagnosticsProbe } from './EngineDiagnosticsProbe.js';
import { StoreReview } from './StoreReview.js';
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
/** Link health history for biomed: one snapshot of every link's counters a minute. */
const LINK_COUNTERS_SNAPSHOT_MS = 60_000;
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
  private readonly recordings: RecordingService;
  private readonly infusions = new InfusionBoard();
  private readonly diagnostics = new EngineDiagnosticsProbe();
  private readonly startedAt = Date.now();
  private linkStatusTimer: ReturnType<typeof setInterval> | null = null;
  private linkCountersTimer: ReturnType<typeof setInterval> | null = null;
  private maintenance: StoreMaintenance | null = null;
  private readonly review: StoreReview;
  private readonly hl7: Hl7Service;

  private constructor(
    private readonly options: StationEngineOptions,
    private readonly store: StationStore,
    private readonly queries: StoreQueries,
  ) {
    const { log } = options;
    this.review = new StoreReview(queries, {
      dataDir: options.dataDir,
      beds: options.config.beds.map((b) => b.id),
      stationName: options.config.unit.name,
      stationVersion: STATION_VERSION,
      log,
      audit: (entry) => this.audit(entry),
    });
    this.alarmCenter = new AlarmCenter(
      options.config.alarms,
      options.config.beds.map((b) => b.id),
      log,
      (signals) => this.server.emit('alarms.signalsChanged', signals),
    );
    this.alarms = this.alarmCenter.registry;
    this.recordings = new RecordingService({
      dataDir: options.dataDir,
      findLink: (id) => this.links.find((l) => l.id === id),
      alarms: this.alarms,
      log,
    });
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
    // HL7 intake writes its data itself (ACK after commit); the rest goes where a link's goes.
    this.hl7 = new Hl7Service({
      config: options.config.hl7,
      beds: options.config.beds,
      store,
      log,
      sink: {
        observations: (observations) => {
          this.live.addObservations(observations);
          this.alarmCenter.observe(observations);
        },
        waves: (waves) => this.live.addWaves(waves),
        alarms: (reports) => reports.forEach((report) => this.alarms.reportDevice(report)),
        infusions: (infusions) => {
          const changed = this.infusions.update(infusions);
          if (changed.length > 0) this.server.emit('infusions.changed', changed);
        },
      },
      listenerFailed: (text) =>
        this.alarms.raiseTechnical({
          code: 'hl7.listener-failed',
          bed: null,
          source: 'hl7',
          priority: 'medium',
          text,
        }),
    });
  }

  static start(options: StationEngineOptions): StationEngine {
    const store = StationStore.open({
      dataDir: options.dataDir,
      log: options.log,
      nativeBinding: options.sqliteBinding,
    });
    // Review queries read on their own connection, so they never wait for (or stall) ingest.
    const queries = StoreQueries.open(store.file, {
      log: options.log,
      nativeBinding: options.sqliteBinding,
    });
    const engine = new StationEngine(options, store, queries);
    engine.carryOverAlarms();
    store.onProblem((p) => engine.storeProblem(p));
    for (const p of store.startupProblems) engine.storeProblem(p);
    store.onProblemResolved((code) => engine.storeProblemResolved(code));
    engine.startStoreMaintenance();
    if (options.restart) engine.announceRestart(options.restart);
    engine.startLinks();
    void engine.hl7.start();
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
    await this.hl7.stop();
    if (this.linkStatusTimer) clearInterval(this.linkStatusTimer);
    if (this.linkCountersTimer) clearInterval(this.linkCountersTimer);
    this.live.stop();
    this.alarmCenter.stop();
    this.diagnostics.stop();
    await this.recordings.stop();
    await Promise.all(this.links.map((l) => l.stop()));
    this.server.closeAll();
    this.queries.close();
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
      'links.startRecording': ({ link }) => this.recordings.startRecording(link),
      'links.stopRecording': ({ link }) => this.recordings.stopRecording(link),
      'recordings.list': () => this.recordings.list(),
      'recordings.replay': ({ file, speed, loop }) => this.recordings.replay(file, { speed, loop }),
      'recordings.stopReplay': ({ port }) => this.recordings.stopReplay(port),
      'serialPorts.list': () => listSerialPorts(),
      'trends.get': (query) => this.review.trend(query),
      'disclosure.page': ({ bed, at, seconds }) => this.review.disclosurePage(bed, at, seconds),
      'alarms.history': (query) => this.review.alarmHistory(query),
      'links.counters': (query) => this.review.linkCounters(query),
      'export.csv': (range) => this.review.export('csv', range, UNIDENTIFIED_USER),
      'export.edf': (range) => this.review.export('edf', range, UNIDENTIFIED_USER),
      'census.list': () => this.hl7.censusList(),
      'hl7.status': () => this.hl7.status(),
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
      patient: this.hl7.patientOf(b.id),
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

  private startStoreMaintenance(): void {
    const storage = StorageConfig.parse(this.options.config.storage ?? {});
    const maintenance = this.store.startMaintenance({
      dataDir: this.options.dataDir,
      policy: retentionPolicy(storage),
      minFreeBytes: storage.minFreeDiskMb * 1_048_576,
    });
    this.maintenance = maintenance;
    this.linkCountersTimer = setInterval(
      () => maintenance.recordLinkCounters(this.linkStatuses()),
      LINK_COUNTERS_SNAPSHOT_MS,
    );
  }

  private audit(entry: AuditEntry): boolean {
    return this.maintenance?.appendAudit(entry) ?? false;
  }

  private storeProblemResolved(code: StoreProblemCode): void {
    this.alarms.clear({ code, bed: null, source: 'store' });
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
          sessionRestarted: (linkId) => this.alarms.clearDeviceReports(linkId),
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
