/**
 * The listener under the conditions the reference lists from the field, over real loopback
 * sockets: frames split over reads, pipelined, noise between them, oversize frames, an ACK sent
 * to us, many connections; plus its guards: TLS with a client-certificate allowlist, a source
 * allowlist and the idle timeout. And the census fed over MLLP.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { frameMessage } from '../../../electron/station/hl7/MllpFramer.js';
import { messageText, referenceMessages } from '../../support/hl7ReferenceMessages.js';
import { msaOf, RawMllpPeer, recentPcd01, startHl7Station, type Hl7Station } from './hl7Station.js';

let station: Hl7Station | null = null;

afterEach(async () => {
  await station?.stop();
  station = null;
});

const pcd01 = recentPcd01;

function adt(trigger: string, controlId: string, patient: string, location: string): string {
  return (
    [
      `MSH|^~\\&|ADT|HOSP|CS|WARD|20240101120000+0000||ADT^${trigger}^ADT_A01|${controlId}|P|2.5`,
      `EVN|${trigger}|20240101120000+0000`,
      `PID|||${patient}^^^HOSP^MR||Hon^Albert||19610101|M`,
      `PV1||I|${location}`,
    ].join('\r') + '\r'
  );
}

describe('MLLP framing over a real socket', () => {
  it('answers frames split over reads, pipelined in one write and separated by noise, in order', async () => {
    station = await startHl7Station();
    const peer = await RawMllpPeer.connect(station.port);
    const frames = ['F1', 'F2', 'F3', 'F4'].map((id) =>
      frameMessage(Buffer.from(pcd01(id), 'latin1')),
    );
    // F1 byte by byte, F2+F3 in one write with noise between, F4 split mid-trailer.
    for (const byte of frames[0]!) peer.send(Buffer.from([byte]));
    peer.send(Buffer.concat([frames[1]!, Buffer.from('\x00noise\r\n'), frames[2]!]));
    peer.send(frames[3]!.subarray(0, frames[3]!.length - 1));
    await new Promise((r) => setTimeout(r, 20));
    peer.send(frames[3]!.subarray(-1));
    const acks = await peer.waitFor(4);
    expect(acks.map(msaOf)).toEqual([
      ['AA', 'F1'],
      ['AA', 'F2'],
      ['AA', 'F3'],
      ['AA', 'F4'],
    ]);
    const status = await station.client.call('hl7.status', {});
    expect(status.counters.noiseBytes).toBe(8);
    peer.close();
  });

  it('rejects an oversize frame with AR and carries on with the next message', async () => {
    station = await startHl7Station({ maxFrameBytes: 4_096 });
    const peer = await RawMllpPeer.connect(station.port);
    const big = pcd01('BIG').replace('PV1||I|HO Surgery^OR^1', `NTE|1||${'x'.repeat(20_000)}`);
    peer.sendMessage(big);
    peer.sendMessage(pcd01('AFTER-BIG'));
    const acks = await peer.waitFor(2);
    expect(msaOf(acks[0]!)).toEqual(['AR', 'BIG']);
    expect(acks[0]).toMatch(/ERR\|.*over this station's limit/);
    expect(msaOf(acks[1]!)).toEqual(['AA', 'AFTER-BIG']);
    expect(station.query('SELECT outcome FROM hl7_messages ORDER BY id')).toEqual([
      { outcome: 'AR' },
      { outcome: 'AA' },
    ]);
    peer.close();
  });

  it('answers garbage with AR + ERR, never answers an ACK, and keeps replies in order', async () => {
    station = await startHl7Station();
    const peer = await RawMllpPeer.connect(station.port);
    peer.sendMessage(pcd01('G1'));
    peer.sendMessage('this is not HL7');
    peer.sendMessage(messageText(referenceMessages.pcd03AcceptAck));
    peer.sendMessage(pcd01('G1').replace('|G1|', '|G2|').replace('|80|264864', '|eighty|264864'));
    peer.sendMessage(pcd01('G3'));
    const acks = await peer.waitFor(4);
    expect(acks.map(msaOf)).toEqual([
      ['AA', 'G1'],
      ['AR', ''],
      ['AE', 'G2'],
      ['AA', 'G3'],
    ]);
    expect(acks[1]).toMatch(/does not start with an MSH segment/);
    expect(acks[2]).toMatch(/ERR\|\|OBX\^13\^5\^1\|102\^Data type error/);
    await new Promise((r) => setTimeout(r, 100));
    expect(peer.replies).toHaveLength(4);
    const status = await station.client.call('hl7.status', {});
    expect(status.counters).toMatchObject({
      acknowledgementsIgnored: 1,
      rejected: 1,
      errors: 1,
      accepted: 2,
    });
    peer.close();
  });

  it('serves many connections at once, many messages on each', async () => {
    station = await startHl7Station();
    const peers = await Promise.all(
      Array.from({ length: 20 }, () => RawMllpPeer.connect(station!.port)),
    );
    peers.forEach((peer, p) => {
      for (let m = 0; m < 25; m++) peer.sendMessage(pcd01(`C${p}-${m}`));
    });
    const all = await Promise.all(peers.map((peer) => peer.waitFor(25)));
    all.forEach((acks, p) => {
      expect(acks.map((a) => msaOf(a)[1])).toEqual(
        Array.from({ length: 25 }, (_, m) => `C${p}-${m}`),
      );
    });
    expect(station.query('SELECT count(*) AS n FROM hl7_messages')).toEqual([{ n: 500 }]);
    expect(station.query('SELECT count(*) AS n FROM observations')).toEqual([{ n: 500 * 9 }]);
    peers.forEach((peer) => peer.close());
  });
});

describe('listener guards', () => {
  it('refuses a source address not on the allowlist', async () => {
    station = await startHl7Station({ allowedSources: ['10.0.0.0/8', '192.168.1.7'] });
    const peer = await RawMllpPeer.connect(station.port);
    peer.sendMessage(pcd01('DENIED'));
    await peer.waitFor(1).catch(() => undefined);
    expect(peer.closed).toBe(true);
    expect(peer.replies).toEqual([]);
    const status = await station.client.call('hl7.status', {});
    expect(status.counters.connectionsRefused).toBe(1);
  });

  it('accepts a loopback source on the allowlist', async () => {
    station = await startHl7Station({ allowedSources: ['127.0.0.0/8'] });
    const peer = await RawMllpPeer.connect(station.port);
    peer.sendMessage(pcd01('ALLOWED'));
    expect((await peer.waitFor(1)).map(msaOf)).toEqual([['AA', 'ALLOWED']]);
    peer.close();
  });

  it('closes a connection idle past the timeout', async () => {
    station = await startHl7Station({ idleTimeoutMs: 1_000 });
    const peer = await RawMllpPeer.connect(station.port);
    const started = Date.now();
    while (!peer.closed && Date.now() - started < 5_000)
      await new Promise((r) => setTimeout(r, 50));
    expect(peer.closed).toBe(true);
    expect((await station.client.call('hl7.status', {})).counters.idleTimeouts).toBe(1);
  });

  it('over TLS, lets in only client certificates on the fingerprint allowlist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ward-station-tls-'));
    const cert = (name: string): { cert: string; key: string } => {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          `/CN=${name}`,
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-keyout',
          join(dir, `${name}.key`),
          '-out',
          join(dir, `${name}.crt`),
        ],
        { stdio: 'ignore' },
      );
      return { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) };
    };
    const server = cert('station');
    const allowed = cert('gateway');
    const stranger = cert('stranger');
    const fingerprint = new X509Certificate(readFileSync(allowed.cert)).fingerprint256;
    station = await startHl7Station({
      tls: { certFile: server.cert, keyFile: server.key, allowedClientFingerprints: [fingerprint] },
    });
    const port = station.port;
    const exchange = (client: { cert: string; key: string }): Promise<string> =>
      new Promise((resolve) => {
        const socket = tlsConnect({
          host: '127.0.0.1',
          port,
          ca: readFileSync(server.cert),
          cert: readFileSync(client.cert),
          key: readFileSync(client.key),
        });
        let received = '';
        socket.on('secureConnect', () =>
          socket.write(frameMessage(Buffer.from(pcd01('TLS1'), 'latin1'))),
        );
        socket.on('data', (chunk: Buffer) => {
          received += chunk.toString('latin1');
          if (received.includes('\x1c\r')) socket.end();
        });
        socket.on('error', () => undefined);
        socket.on('close', () => resolve(received));
      });
    expect(msaOf(await exchange(allowed))).toEqual(['AA', 'TLS1']);
    expect(await exchange(stranger)).toBe('');
    const status = await station.client.call('hl7.status', {});
    expect(status).toMatchObject({ tls: true, counters: { connectionsRefused: 1 } });
  });
});

describe('census over MLLP', () => {
  it('ADT places the patient; device data then counts as associated, before it as unassociated', async () => {
    station = await startHl7Station();
    const peer = await RawMllpPeer.connect(station.port);
    peer.sendMessage(pcd01('BEFORE-ADMIT'));
    peer.sendMessage(adt('A01', 'ADT1', 'HO2009001', 'HO Surgery^OR^1'));
    peer.sendMessage(pcd01('AFTER-ADMIT'));
    expect((await peer.waitFor(3)).map(msaOf).map(([code]) => code)).toEqual(['AA', 'AA', 'AA']);
    expect(
      station.query(
        "SELECT control_id, bed, associated FROM hl7_messages WHERE message_type LIKE 'ORU%' ORDER BY id",
      ),
    ).toEqual([
      { control_id: 'BEFORE-ADMIT', bed: 'bed-1', associated: 0 },
      { control_id: 'AFTER-ADMIT', bed: 'bed-1', associated: 1 },
    ]);
    const beds = await station.client.call('beds.list', {});
    expect(beds.find((b) => b.id === 'bed-1')?.patient).toEqual({
      id: 'HO2009001',
      name: 'Hon, Albert',
      sex: 'M',
      birthDate: '1961-01-01',
    });
    const census = await station.client.call('census.list', {});
    expect(census.find((b) => b.bed === 'bed-1')?.devices.every((d) => !d.unassociated)).toBe(true);

    // A02 then its cancel A12: the patient ends up exactly where the A01 put them.
    peer.sendMessage(adt('A02', 'ADT2', 'HO2009001', 'HO 3 West ICU^10^1'));
    peer.sendMessage(adt('A12', 'ADT3', 'HO2009001', 'HO Surgery^OR^1'));
    await peer.waitFor(5);
    const after = await station.client.call('census.list', {});
    expect(after.filter((b) => b.patient).map((b) => [b.bed, b.patient?.id])).toEqual([
      ['bed-1', 'HO2009001'],
    ]);
    peer.close();
  });

  it('replays the census from the store after a restart', async () => {
    const first = await startHl7Station();
    const peer = await RawMllpPeer.connect(first.port);
    peer.sendMessage(adt('A01', 'R1', 'P-RESTART', 'CU1^^Bed001'));
    await peer.waitFor(1);
    peer.close();
    await first.stop({ keepData: true });
    station = await startHl7Station({}, first.dataDir);
    const census = await station.client.call('census.list', {});
    expect(census.find((b) => b.bed === 'bed-3')?.patient?.id).toBe('P-RESTART');
  });
});
