/**
 * The promise the MLLP listener waits on before it sends an ACK settles only once the message
 * (and everything it carries) is on disk, as a second connection sees it; while the disk refuses
 * the write it stays pending, so no ACK goes out for data that is not stored.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hl7Write } from '../../../electron/station/store/Hl7Statements.js';
import { nextTurn, observation, TempStation } from '../store/storeFixtures.js';

let station: TempStation;

beforeEach(() => {
  station = new TempStation();
});

afterEach(() => {
  station.cleanUp();
});

/** `padding` makes the raw text big enough to need new pages, which a size cap refuses. */
function write(controlId: string, padding = 0): Hl7Write {
  return {
    message: {
      receivedAt: 1_700_000_000_000,
      peer: '127.0.0.1:5000',
      sender: 'MON|WARD',
      controlId,
      messageType: 'ORU^R01^ORU_R01',
      messageTime: 1_700_000_000_000,
      charset: 'ASCII',
      outcome: 'AA',
      error: null,
      bed: 'bed-1',
      patientId: null,
      associated: false,
      raw: `MSH|^~\\&|MON|WARD|||20231114221320+0000||ORU^R01^ORU_R01|${controlId}|P|2.6\rNTE|1||${'x'.repeat(padding)}\r`,
    },
    observations: [
      { observation: observation({ bed: 'bed-1', code: 150456 }), containment: '1.3.1.1' },
    ],
    waves: [],
    results: [],
    census: [],
  };
}

const storedIds = (): string[] =>
  station.inspect((db) =>
    db
      .prepare<[], { control_id: string }>('SELECT control_id FROM hl7_messages ORDER BY id')
      .all()
      .map((r) => r.control_id),
  );

describe('HL7 write: settled only after commit', () => {
  it('resolves after the group commit that holds the message, not before', async () => {
    const store = station.open();
    let settled = false;
    const committed = store.writeHl7Message(write('C1')).then((r) => {
      settled = true;
      return r;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    expect(storedIds()).toEqual([]);
    expect(await committed).toEqual({ messageId: 1, duplicate: false });
    expect(storedIds()).toEqual(['C1']);
    expect(
      station.inspect((db) => db.prepare('SELECT containment FROM observations').all()),
    ).toEqual([{ containment: '1.3.1.1' }]);
    store.close();
  });

  it('stores a resend once and says so', async () => {
    const store = station.open();
    const [first, again] = await Promise.all([
      store.writeHl7Message(write('DUP')),
      store.writeHl7Message(write('DUP')),
    ]);
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    expect(await store.writeHl7Message(write('DUP'))).toMatchObject({ duplicate: true });
    expect(storedIds()).toEqual(['DUP']);
    expect(store.hasAcceptedHl7Message('MON|WARD', 'DUP')).toBe(true);
    store.close();
  });

  it('stays pending while the disk refuses the commit, and resolves once it is written', async () => {
    const store = station.open();
    await store.writeHl7Message(write('BEFORE'));
    store.setSizeLimit(1);
    let settled = false;
    const committed = store.writeHl7Message(write('DURING', 300_000)).then(() => (settled = true));
    await nextTurn();
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(false);
    expect(storedIds()).toEqual(['BEFORE']);
    store.setSizeLimit(null);
    await committed;
    expect(storedIds()).toEqual(['BEFORE', 'DURING']);
    store.close();
  });

  it('rejects what is still queued when the store closes without being able to write it', async () => {
    const store = station.open();
    store.setSizeLimit(1);
    const committed = store.writeHl7Message(write('LOST', 300_000));
    store.close();
    await expect(committed).rejects.toThrow(/closed before this message was committed/);
  });
});
