/**
 * The store's SQL, prepared once per connection, and the mapping between rows and domain types.
 * Rows read back are validated: a row that does not fit the domain is logged and left out rather
 * than handed to the renderer as something it is not.
 */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { Alarm, Observation } from '../../contract/domain.js';
import type { StoreLog } from './StationStore.js';
import type { WaveChunk } from './WaveChunker.js';
import { encodeWaveSamples } from './waveCodec.js';

interface ObservationRow {
  bed: string;
  device: string;
  code: number;
  value: number | null;
  unit: string;
  time: number;
  status: string;
  demo: number;
}

interface WaveChunkRow {
  bed: string;
  device: string;
  code: number;
  sampleRate: number;
  t0: number;
  seq: number;
  sampleCount: number;
  scale: number;
  offset: number;
  unit: string;
  demo: number;
  codec: string;
  data: Buffer;
}

interface AlarmRow {
  id: string;
  bed: string | null;
  source: string;
  code: string;
  text: string;
  priority: string;
  kind: string;
  state: string;
  startedAt: number;
  endedAt: number | null;
}

const INSERT_OBSERVATION = `
  INSERT INTO observations (bed, device, code, value, unit, time, status, demo)
  VALUES (@bed, @device, @code, @value, @unit, @time, @status, @demo)`;

const INSERT_WAVE_CHUNK = `
  INSERT INTO wave_chunks
    (bed, device, code, sample_rate, t0, seq, sample_count, scale, "offset", unit, demo, codec, data)
  VALUES
    (@bed, @device, @code, @sampleRate, @t0, @seq, @sampleCount, @scale, @offset, @unit, @demo,
     @codec, @data)`;

const UPSERT_ALARM = `
  INSERT INTO alarms (id, bed, source, code, text, priority, kind, state, started_at, ended_at)
  VALUES (@id, @bed, @source, @code, @text, @priority, @kind, @state, @startedAt, @endedAt)
  ON CONFLICT (id) DO UPDATE SET
    bed = excluded.bed, source = excluded.source, code = excluded.code, text = excluded.text,
    priority = excluded.priority, kind = excluded.kind, state = excluded.state,
    started_at = excluded.started_at, ended_at = excluded.ended_at`;

/** Once per acknowledgement: re-writing the same alarm state adds nothing. */
const INSERT_ACKNOWLEDGEMENT = `
  INSERT OR IGNORE INTO alarm_actions (alarm_id, action, actor, at)
  VALUES (?, 'acknowledged', ?, ?)`;

/** One lookup per (bed, code) through the (bed, code, time) index, not a scan of every row. */
const SELECT_LATEST_OBSERVATIONS = `
  SELECT o.bed, o.device, o.code, o.value, o.unit, o.time, o.status, o.demo
  FROM (SELECT DISTINCT bed, code FROM observations) AS stream
  JOIN observations AS o ON o.id = (
    SELECT id FROM observations
    WHERE bed = stream.bed AND code = stream.code
    ORDER BY time DESC, id DESC
    LIMIT 1)`;

const SELECT_ACTIVE_ALARMS = `
  SELECT id, bed, source, code, text, priority, kind, state,
         started_at AS startedAt, ended_at AS endedAt
  FROM alarms
  WHERE state != 'ended'`;

export class StoreStatements {
  private readonly insertObservationStatement: Database.Statement<[ObservationRow]>;
  private readonly insertWaveChunkStatement: Database.Statement<[WaveChunkRow]>;
  private readonly upsertAlarmStatement: Database.Statement<[AlarmRow]>;
  private readonly insertAcknowledgementStatement: Database.Statement<
    [string, string | null, number]
  >;
  private readonly latestObservationsStatement: Database.Statement<[], ObservationRow>;
  private readonly activeAlarmsStatement: Database.Statement<[], AlarmRow>;

  constructor(
    db: Database.Database,
    private readonly log: StoreLog,
  ) {
    this.insertObservationStatement = db.prepare<[ObservationRow]>(INSERT_OBSERVATION);
    this.insertWaveChunkStatement = db.prepare<[WaveChunkRow]>(INSERT_WAVE_CHUNK);
    this.upsertAlarmStatement = db.prepare<[AlarmRow]>(UPSERT_ALARM);
    this.insertAcknowledgementStatement =
      db.prepare<[string, string | null, number]>(INSERT_ACKNOWLEDGEMENT);
    this.latestObservationsStatement = db.prepare<[], ObservationRow>(SELECT_LATEST_OBSERVATIONS);
    this.activeAlarmsStatement = db.prepare<[], AlarmRow>(SELECT_ACTIVE_ALARMS);
  }

  insertObservation(observation: Observation): void {
    const { bed, device, code, value, unit, time, status, demo } = observation;
    this.insertObservationStatement.run({
      bed,
      device,
      code,
      value,
      unit,
      time,
      status,
      demo: demo ? 1 : 0,
    });
  }

  insertWaveChunk(chunk: WaveChunk): void {
    const { bed, device, code, sampleRate, t0, seq, samples, scale, offset, unit, demo } = chunk;
    const { codec, data } = encodeWaveSamples(samples);
    this.insertWaveChunkStatement.run({
      bed,
      device,
      code,
      sampleRate,
      t0,
      seq,
      sampleCount: samples.length,
      scale,
      offset,
      unit,
      demo: demo ? 1 : 0,
      codec,
      data,
    });
  }

  upsertAlarm(alarm: Alarm): void {
    const { id, bed, source, code, text, priority, kind, state, startedAt, endedAt } = alarm;
    this.upsertAlarmStatement.run({
      id,
      bed,
      source,
      code,
      text,
      priority,
      kind,
      state,
      startedAt,
      endedAt,
    });
    if (typeof alarm.acknowledgedAt === 'number') {
      this.insertAcknowledgementStatement.run(
        id,
        alarm.acknowledgedBy ?? null,
        alarm.acknowledgedAt,
      );
    }
  }

  /** The newest stored observation per (bed, code). */
  latestObservations(): Observation[] {
    const rows = this.latestObservationsStatement.all();
    const candidates = rows.map((row) => ({ ...row, demo: row.demo === 1 }));
    return this.validRows(Observation, candidates, 'observations');
  }

  /** Stored alarms that have not ended. */
  activeAlarms(): Alarm[] {
    return this.validRows(Alarm, this.activeAlarmsStatement.all(), 'alarms');
  }

  private validRows<T>(schema: z.ZodType<T>, candidates: readonly unknown[], table: string): T[] {
    const valid: T[] = [];
    for (const candidate of candidates) {
      const parsed = schema.safeParse(candidate);
      if (parsed.success) {
        valid.push(parsed.data);
      } else {
        this.log.warn('store: stored row does not fit the domain; left out', {
          table,
          row: candidate,
          issues: parsed.error.issues.map((issue) => issue.message),
        });
      }
    }
    return valid;
  }
}
