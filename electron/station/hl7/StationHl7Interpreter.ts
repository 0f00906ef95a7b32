/**
 * What a received HL7 message means for this station. ADT feeds the census; ORU^R01 (PCD-01) and
 * ORU^R42 (PCD-10) carry device data, ORU^R40 (PCD-04) device alarms; every other well-formed
 * message is kept as received and acknowledged. Device data goes to the bed its PV1-3 names, else
 * the bed configured for its equipment, else the bed the census has its patient in; with no
 * station bed, under its location as sent, so nothing is dropped. Data for a bed without a patient
 * is kept and flagged unassociated.
 */
import type { Infusion, Observation, WaveSegment } from '../../contract/domain.js';
import { adtEventOf, isAdtMessage, locationText } from '../census/AdtMapper.js';
import type { BedLocations } from '../census/BedLocations.js';
import type { Census } from '../census/Census.js';
import type { DeviceAlarmReport } from '../devices/drivers/DeviceDriver.js';
import type { Log } from '../log/StationLog.js';
import { Hl7ErrorCode, messageError } from './Hl7Issue.js';
import type { Hl7Interpretation, Hl7Interpreter } from './Hl7Intake.js';
import type { Hl7Message } from './Hl7Message.js';
import { readObservationGroups, type ObservationGroup } from './ObxRows.js';
import { mapDeviceData, type DeviceData } from './Pcd01Mapper.js';
import { mapAlerts } from './Pcd04Mapper.js';
import { mapInfusionEvents } from './Pcd10Mapper.js';

/** Where the engine wants device data once a message is queued for commit. */
export interface DeviceDataSink {
  observations(observations: Observation[]): void;
  waves(waves: WaveSegment[]): void;
  alarms(reports: DeviceAlarmReport[]): void;
  infusions(infusions: Infusion[]): void;
}

export interface BedDevice {
  device: string;
  lastDataAt: number;
}

/** Bed ids are at most 64 characters (contract BedId). */
const MAX_BED_ID = 64;

export class StationHl7Interpreter implements Hl7Interpreter {
  /** Devices that sent data per bed, for the census view. */
  readonly devicesByBed = new Map<string, Map<string, number>>();
  private readonly equipmentBeds: Map<string, string>;
  private readonly reportedMismatches = new Set<string>();

  constructor(
    private readonly census: Census,
    private readonly locations: BedLocations,
    equipment: readonly { equipment: string; bed: string }[],
    private readonly sink: DeviceDataSink,
    private readonly log: Log,
  ) {
    this.equipmentBeds = new Map(equipment.map((e) => [e.equipment.toLowerCase(), e.bed]));
  }

  interpret(message: Hl7Message, receivedAt: number): Hl7Interpretation {
    if (isAdtMessage(message)) return this.adt(message, receivedAt);
    const { code, trigger } = message.messageType;
    if (code.toUpperCase() === 'ORU')
      return this.deviceMessage(message, trigger.toUpperCase(), receivedAt);
    return nothing();
  }

  private adt(message: Hl7Message, receivedAt: number): Hl7Interpretation {
    const event = adtEventOf(message, receivedAt);
    if (!event) return nothing();
    const refusal = this.census.refusal(event);
    if (refusal)
      throw messageError(Hl7ErrorCode.unknownKey, refusal, { segment: 'PID', sequence: 1 });
    return {
      ...nothing(),
      bed: event.location ? this.locations.bedOf(event.location) : null,
      patientId: event.patient.id,
      census: [
        {
          kind: event.kind,
          at: event.at,
          patientId: event.patient.id,
          detail: JSON.stringify(event),
        },
      ],
      apply: () => this.census.apply(event),
    };
  }

  private deviceMessage(
    message: Hl7Message,
    trigger: string,
    receivedAt: number,
  ): Hl7Interpretation {
    const groups = readObservationGroups(message, receivedAt);
    const bed = this.bedFor(message, groups);
    const patientId = message.segment('PID')?.text(3, 1) || null;
    const associated = this.census.occupantOf(bed) !== null;
    const isAlert = trigger === 'R40';
    const data = mapDeviceData(groups, { bed, numericsAsResults: isAlert });
    this.reportMismatches(data);
    const demo = groups.some((g) => g.rows.some((r) => r.flags.includes('DEMO')));
    const alarms = isAlert ? mapAlerts(groups, bed) : [];
    const infusions = trigger === 'R42' ? mapInfusionEvents(groups, bed, demo) : [];
    const observations = data.observations.map((o) => o.observation);
    return {
      bed,
      patientId,
      associated,
      observations: data.observations,
      waves: data.waves,
      results: data.results,
      census: [],
      alarms,
      infusions,
      apply: () => {
        this.noteDevices(bed, data.devices, receivedAt);
        if (observations.length > 0) this.sink.observations(observations);
        if (data.waves.length > 0) this.sink.waves(data.waves);
        if (alarms.length > 0) this.sink.alarms(alarms);
        if (infusions.length > 0) this.sink.infusions(infusions);
      },
    };
  }

  private bedFor(message: Hl7Message, groups: readonly ObservationGroup[]): string {
    const pv1 = message.segment('PV1');
    const location = pv1 ? locationText(pv1, 3) : null;
    const byLocation = location ? this.locations.bedOf(location) : null;
    if (byLocation) return byLocation;
    const equipment = [
      message.header.text(3, 2),
      message.header.text(3, 1),
      ...groups.flatMap((g) => g.rows.map((r) => r.equipment)),
    ];
    for (const id of equipment) {
      const bed = id ? this.equipmentBeds.get(id.toLowerCase()) : undefined;
      if (bed) return bed;
    }
    const patientId = message.segment('PID')?.text(3, 1);
    const byPatient = patientId ? this.census.bedOfPatient(patientId) : null;
    if (byPatient) return byPatient;
    const unmapped =
      location ?? (message.header.text(3, 2) || message.header.text(3, 1) || 'unknown');
    return `hl7:${unmapped}`.slice(0, MAX_BED_ID);
  }

  private noteDevices(bed: string, devices: readonly string[], at: number): void {
    let known = this.devicesByBed.get(bed);
    if (!known) {
      known = new Map();
      this.devicesByBed.set(bed, known);
    }
    for (const device of devices) known.set(device, at);
  }

  /** Logged once per code and REFID: public samples get codes wrong, a log line each is noise. */
  private reportMismatches(data: DeviceData): void {
    for (const { code, refid } of data.refidMismatches) {
      const key = `${code}|${refid}`;
      if (this.reportedMismatches.has(key)) continue;
      // Bounded: a sender with garbage codes must not grow it for ever.
      if (this.reportedMismatches.size >= 1_000) this.reportedMismatches.clear();
      this.reportedMismatches.add(key);
      this.log.warn('hl7: OBX-3 reference id does not match its MDC code; keyed on the code', {
        code,
        refid,
      });
    }
  }
}

function nothing(): Hl7Interpretation {
  return {
    bed: null,
    patientId: null,
    associated: null,
    observations: [],
    waves: [],
    results: [],
    census: [],
    alarms: [],
    infusions: [],
    apply: () => undefined,
  };
}
