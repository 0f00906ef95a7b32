/**
 * Child process for the crash-safety test: ingests as hard as it can through the real store
 * (32 beds of waves and numerics, HL7 messages through writeHl7Message, retention pruning all
 * the while) until the parent kills it with SIGKILL. It prints "ack <control id>" for every
 * message only once the store says it is committed, as the MLLP listener's ACK would.
 *
 * Usage: node --import tsx tests/support/crashIngestChild.ts DATA_DIR RUN_ID
 */
import type { Observation, WaveSegment } from '../../electron/contract/domain.js';
import { StationStore } from '../../electron/station/store/StationStore.js';

const [dataDir, runId] = process.argv.slice(2);
if (!dataDir || !runId) throw new Error('usage: crashIngestChild.ts DATA_DIR RUN_ID');

const BEDS = 32;
const TURN_MS = 100;
const MESSAGES_PER_TURN = 4;
const WAVES = [
  { code: 131330, rate: 500 },
  { code: 150452, rate: 125 },
  { code: 151780, rate: 62.5 },
  { code: 150036, rate: 125 },
];

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const store = StationStore.open({ dataDir, log: quiet });
// Seconds of full disclosure, so the kills also land in the middle of pruning.
store.startMaintenance({
  dataDir,
  policy: { fullDisclosureMs: 5_000, numericsMs: 3_600_000, trendMs: 86_400_000 },
  minFreeBytes: 1,
});

let turn = 0;
let message = 0;
const started = Date.now();

function wavesFor(bed: string, t0: number): WaveSegment[] {
  return WAVES.map(({ code, rate }) => {
    const count = (rate * TURN_MS) / 1000;
    const seq = Math.round((turn * rate * TURN_MS) / 1000);
    return {
      bed,
      device: `${bed}/monitor`,
      code,
      sampleRate: rate,
      t0,
      seq,
      samples: Int16Array.from({ length: count }, (_, i) => (((seq + i) * 97) % 4000) - 2000),
      scale: 0.005,
      offset: 0,
      unit: 'mV',
      demo: false,
    };
  });
}

function numeric(bed: string, time: number, value: number): Observation {
  return {
    bed,
    device: `${bed}/monitor`,
    code: 147842,
    value,
    unit: '{beat}/min',
    time,
    status: 'valid',
    demo: false,
  };
}

function ingestOneTurn(): void {
  const time = started + turn * TURN_MS;
  for (let b = 0; b < BEDS; b++) {
    const bed = `bed-${b + 1}`;
    store.writeWaves(wavesFor(bed, time));
    store.writeObservations([numeric(bed, time, 60 + (turn % 40))]);
  }
  for (let m = 0; m < MESSAGES_PER_TURN; m++) {
    const controlId = `${runId}-${message++}`;
    const bed = `bed-${(message % BEDS) + 1}`;
    void store
      .writeHl7Message({
        message: {
          receivedAt: time,
          peer: '127.0.0.1:50000',
          sender: 'GATEWAY^ICU',
          controlId,
          messageType: 'ORU^R01',
          messageTime: time,
          charset: 'UTF-8',
          outcome: 'AA',
          error: null,
          bed,
          patientId: null,
          associated: false,
          raw: `MSH|^~\\&|GATEWAY|ICU|||${time}||ORU^R01|${controlId}|P|2.6`,
        },
        // Numerics travel the device path above; the message alone is what the ACK covers.
        observations: [],
        waves: [],
        results: [],
        census: [],
      })
      .then(() => process.stdout.write(`ack ${controlId}\n`));
  }
  turn++;
  setImmediate(ingestOneTurn);
}

process.stdout.write('ready\n');
ingestOneTurn();
