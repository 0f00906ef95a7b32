/**
 * The station's side of a Data Export session. The monitor sends nothing until a client
 * associates, and stops on its own when a poll period ends or when it hears nothing from the
 * client for its time-out (10 s for short poll periods, per OpenICE), so the station must:
 * associate (retrying until accepted), answer the MDS Create event, select waves, start
 * extended polls for numerics, waves and alarms, renew them before they run out, ask again when
 * results stop, and send a keep-alive when it has had nothing else to say.
 */
import type { DeviceIo } from '../DeviceDriver.js';
import { encodeIntelliVueFrame } from './IntelliVueFraming.js';
import {
  encodeAssociationRequest,
  encodeExtendedPollRequest,
  encodeMdsCreateResult,
  encodeSinglePollRequest,
  encodeWavePriorityList,
  type AssociationSettings,
  type DataExportMessage,
} from './IntelliVueMessages.js';
import { AttributeGroup, ObjectClass, TICKS_PER_MS } from './IntelliVueNomenclature.js';

export const ASSOCIATION_RETRY_MS = 5_000;
/** Each extended poll asks for this long (NOM_ATTR_TIME_PD_POLL)… */
export const POLL_PERIOD_MS = 60_000;
/** …and is renewed this early, so a lost renewal still has time for the stall check to act. */
export const POLL_RENEW_AFTER_MS = 50_000;
/** Numerics come every 1.024 s and waves every 256 ms: this much silence means they stopped. */
export const POLL_STALL_MS = 5_000;
/** Half the shortest monitor time-out (10 s), so one lost keep-alive is survivable. */
export const KEEP_ALIVE_MS = 5_000;

/** 500 ms as OpenICE asks; the monitor answers with its own (500 ms in the capture). */
export const STATION_ASSOCIATION: AssociationSettings = {
  minPollPeriodTicks: 500 * TICKS_PER_MS,
  maxMtuReceive: 1456,
  maxMtuTransmit: 1456,
};

/**
 * Waves the station asks for, as TextId labels: ECG (the monitor sends the leads it shows, up to
 * three), pleth, ABP, ART, CVP, respiration and airway CO2 — the list the capture's client set
 * plus respiration. The monitor exports at most 3 ECG and 8 other waves.
 */
const STATION_WAVE_LABELS: readonly number[] = [
  0x00020100, 0x00024bb4, 0x00024a14, 0x00024a10, 0x00024a44, 0x00025000, 0x000250ac,
];

interface PollKind {
  objectClass: number;
  attributeGroup: number;
  pollNumber: number;
  /** Whether silence means the poll stopped (alarm results may only come on change). */
  streams: boolean;
}

const POLLS: readonly PollKind[] = [
  {
    objectClass: ObjectClass.NUMERIC,
    attributeGroup: AttributeGroup.ALL,
    pollNumber: 1,
    streams: true,
  },
  {
    objectClass: ObjectClass.WAVE,
    attributeGroup: AttributeGroup.ALL,
    pollNumber: 2,
    streams: true,
  },
  {
    objectClass: ObjectClass.ALERT_MONITOR,
    attributeGroup: AttributeGroup.ALERT_MONITOR,
    pollNumber: 3,
    streams: false,
  },
];
const KEEP_ALIVE_POLL_NUMBER = 4;

type Phase = 'idle' | 'associating' | 'awaiting-mds' | 'polling';

export class IntelliVueSession {
  private phase: Phase = 'idle';
  private hasPollResult = false;
  private invokeId = 0;
  private associationRequestedAt = -Infinity;
  private lastSentAt = -Infinity;
  private readonly requestedAt = new Map<number, number>();
  private readonly resultAt = new Map<number, number>();

  constructor(private readonly io: DeviceIo) {}

  /** From connecting until the first poll result of the current association. */
  get associating(): boolean {
    return this.phase !== 'idle' && !this.hasPollResult;
  }

  connected(now: number): void {
    this.associate(now);
  }

  tick(now: number): void {
    if (this.phase === 'associating' || this.phase === 'awaiting-mds') {
      if (now - this.associationRequestedAt >= ASSOCIATION_RETRY_MS) this.associate(now);
      return;
    }
    if (this.phase !== 'polling') return;
    for (const poll of POLLS) {
      const requested = this.requestedAt.get(poll.objectClass) ?? -Infinity;
      const heard = Math.max(requested, this.resultAt.get(poll.objectClass) ?? -Infinity);
      const stalled = poll.streams && now - heard >= POLL_STALL_MS;
      if (now - requested >= POLL_RENEW_AFTER_MS || stalled) this.requestPoll(poll, now);
    }
    if (now - this.lastSentAt >= KEEP_ALIVE_MS) this.keepAlive(now);
  }

  received(message: DataExportMessage, now: number): void {
    switch (message.kind) {
      case 'association-accept':
        if (this.phase === 'associating') this.phase = 'awaiting-mds';
        return;
      case 'association-refuse':
      case 'release-request':
      case 'abort':
        // The monitor ended the session: associate again after the retry interval.
        this.phase = 'associating';
        this.hasPollResult = false;
        return;
      case 'mds-create-event':
        this.startPolling(message.invokeId, message.eventTime, now);
        return;
      case 'poll-result':
        this.hasPollResult = true;
        this.resultAt.set(message.objectClass, now);
        return;
    }
  }

  /** The decoder saw wave values it cannot scale or time: a new wave poll resends attributes. */
  requestWaveAttributes(now: number): void {
    const waves = POLLS.find((p) => p.objectClass === ObjectClass.WAVE);
    const requested = this.requestedAt.get(ObjectClass.WAVE) ?? -Infinity;
    if (waves && this.phase === 'polling' && now - requested >= POLL_STALL_MS) {
      this.requestPoll(waves, now);
    }
  }

  private associate(now: number): void {
    this.phase = 'associating';
    this.hasPollResult = false;
    this.associationRequestedAt = now;
    this.send(encodeAssociationRequest(STATION_ASSOCIATION), now);
  }

  private startPolling(invokeId: number, eventTime: number, now: number): void {
    this.phase = 'polling';
    this.send(encodeMdsCreateResult(invokeId, eventTime), now);
    this.send(encodeWavePriorityList(this.nextInvokeId(), STATION_WAVE_LABELS), now);
    for (const poll of POLLS) this.requestPoll(poll, now);
  }

  private requestPoll(poll: PollKind, now: number): void {
    this.requestedAt.set(poll.objectClass, now);
    const request = encodeExtendedPollRequest({
      invokeId: this.nextInvokeId(),
      pollNumber: poll.pollNumber,
      objectClass: poll.objectClass,
      attributeGroup: poll.attributeGroup,
      periodTicks: POLL_PERIOD_MS * TICKS_PER_MS,
    });
    this.send(request, now);
  }

  private keepAlive(now: number): void {
    const request = encodeSinglePollRequest({
      invokeId: this.nextInvokeId(),
      pollNumber: KEEP_ALIVE_POLL_NUMBER,
      objectClass: ObjectClass.MDS,
      attributeGroup: AttributeGroup.SYSTEM_PRODUCTION,
    });
    this.send(request, now);
  }

  private nextInvokeId(): number {
    this.invokeId = (this.invokeId + 1) & 0xffff;
    return this.invokeId;
  }

  private send(message: Uint8Array, now: number): void {
    this.lastSentAt = now;
    this.io.send(encodeIntelliVueFrame(message));
  }
}
