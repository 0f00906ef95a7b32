/**
 * The Data Export message layers inside a frame: session (association control or `E1 00 00 02`
 * data), remote operation (invoke / result / linked result / error) and command (event report,
 * action, set). Parsing turns a frame's user data into a tagged value; encoding builds the
 * requests the station sends. Layouts and sources: PROTOCOL.md.
 */
import { ByteReader, ByteWriter, MalformedMessage, hexBytes } from './IntelliVueBytes.js';
import {
  ActionType,
  AttributeId,
  Command,
  EventType,
  ObjectClass,
  Partition,
  RoType,
  SessionType,
} from './IntelliVueNomenclature.js';

export interface PollAttribute {
  id: number;
  /** A view into the message's bytes. */
  value: Uint8Array;
}

export interface ObservationPoll {
  context: number;
  handle: number;
  attributes: PollAttribute[];
}

export interface PollResult {
  kind: 'poll-result';
  invokeId: number;
  /** The LinkedState of one part of a linked result; null for a plain result. */
  linked: number | null;
  extended: boolean;
  pollNumber: number;
  /** Monitor time of the poll in 1/8 ms ticks (RelativeTime, wraps at 2^32). */
  relativeTime: number;
  objectClass: number;
  attributeGroup: number;
  observations: ObservationPoll[];
}

export interface MdsCreateEvent {
  kind: 'mds-create-event';
  invokeId: number;
  eventTime: number;
}

export interface PollRequest {
  kind: 'poll-request';
  invokeId: number;
  extended: boolean;
  pollNumber: number;
  objectClass: number;
  attributeGroup: number;
}

export type DataExportMessage =
  | { kind: 'association-request' }
  | { kind: 'association-accept' }
  | { kind: 'association-refuse' }
  | { kind: 'release-request' }
  | { kind: 'release-response' }
  | { kind: 'abort' }
  | MdsCreateEvent
  | { kind: 'mds-create-result'; invokeId: number }
  | PollRequest
  | PollResult
  | { kind: 'remote-error'; invokeId: number; error: number }
  /** Well-formed but of no use to the station (get/set results, other events). */
  | { kind: 'other'; roType: number; command: number }
  | { kind: 'malformed'; reason: string };

const ASSOCIATION_KINDS = new Map<number, DataExportMessage>([
  [SessionType.CONNECT, { kind: 'association-request' }],
  [SessionType.ACCEPT, { kind: 'association-accept' }],
  [SessionType.REFUSE, { kind: 'association-refuse' }],
  [SessionType.FINISH, { kind: 'release-request' }],
  [SessionType.DISCONNECT, { kind: 'release-response' }],
  [SessionType.ABORT, { kind: 'abort' }],
]);

/** `E1 00 00 02`: the data SPDU and presentation context every operation travels in. */
const DATA_HEADER = hexBytes('E1 00 00 02');
const MDS_OBJECT = { objectClass: ObjectClass.MDS, context: 0, handle: 0 };

/** Parses one frame's user data. Never throws. */
export function parseDataExportMessage(userData: Uint8Array): DataExportMessage {
  const sessionType = userData[0];
  if (sessionType === undefined) return { kind: 'malformed', reason: 'empty message' };
  if (sessionType !== SessionType.DATA) {
    return ASSOCIATION_KINDS.get(sessionType) ?? malformed(`session type 0x${hex(sessionType)}`);
  }
  try {
    return parseOperation(new ByteReader(userData, DATA_HEADER.length));
  } catch (error) {
    if (error instanceof MalformedMessage) return malformed(error.message);
    throw error;
  }
}

function malformed(reason: string): DataExportMessage {
  return { kind: 'malformed', reason };
}

function hex(value: number): string {
  return value.toString(16).padStart(2, '0');
}

function parseOperation(reader: ByteReader): DataExportMessage {
  const roType = reader.u16();
  const operation = reader.child(reader.u16());
  const linked = roType === RoType.LINKED_RESULT ? operation.u8() : null;
  if (linked !== null) operation.skip(1);
  const invokeId = operation.u16();
  if (roType === RoType.ERROR) return { kind: 'remote-error', invokeId, error: operation.u16() };
  const command = operation.u16();
  const args = operation.child(operation.u16());
  const other: DataExportMessage = { kind: 'other', roType, command };
  if (roType === RoType.INVOKE) return parseInvoke(args, invokeId, command) ?? other;
  if (roType === RoType.RESULT || roType === RoType.LINKED_RESULT) {
    return parseResult(args, invokeId, command, linked) ?? other;
  }
  return malformed(`remote operation type ${roType}`);
}

function parseInvoke(
  args: ByteReader,
  invokeId: number,
  command: number,
): DataExportMessage | null {
  if (command === Command.CONFIRMED_EVENT_REPORT || command === Command.EVENT_REPORT) {
    args.skip(6);
    const eventTime = args.u32();
    if (args.u16() !== EventType.MDS_CREATE) return null;
    return { kind: 'mds-create-event', invokeId, eventTime };
  }
  if (command !== Command.CONFIRMED_ACTION) return null;
  args.skip(6 + 4);
  const actionType = args.u16();
  if (actionType !== ActionType.POLL && actionType !== ActionType.EXTENDED_POLL) return null;
  const action = args.child(args.u16());
  const pollNumber = action.u16();
  action.skip(2);
  return {
    kind: 'poll-request',
    invokeId,
    extended: actionType === ActionType.EXTENDED_POLL,
    pollNumber,
    objectClass: action.u16(),
    attributeGroup: action.u16(),
  };
}

function parseResult(
  args: ByteReader,
  invokeId: number,
  command: number,
  linked: number | null,
): DataExportMessage | null {
  if (command === Command.CONFIRMED_EVENT_REPORT) {
    args.skip(6 + 4);
    return args.u16() === EventType.MDS_CREATE ? { kind: 'mds-create-result', invokeId } : null;
  }
  if (command !== Command.CONFIRMED_ACTION) return null;
  args.skip(6);
  const actionType = args.u16();
  if (actionType !== ActionType.POLL && actionType !== ActionType.EXTENDED_POLL) return null;
  const extended = actionType === ActionType.EXTENDED_POLL;
  const reply = args.child(args.u16());
  const pollNumber = reply.u16();
  if (extended) reply.skip(2);
  const relativeTime = reply.u32();
  reply.skip(8 + 2);
  const objectClass = reply.u16();
  const attributeGroup = reply.u16();
  return {
    kind: 'poll-result',
    invokeId,
    linked,
    extended,
    pollNumber,
    relativeTime,
    objectClass,
    attributeGroup,
    observations: parsePollInfoList(reply),
  };
}

function parsePollInfoList(reader: ByteReader): ObservationPoll[] {
  const observations: ObservationPoll[] = [];
  const contexts = reader.u16();
  const list = reader.child(reader.u16());
  for (let c = 0; c < contexts; c++) {
    const context = list.u16();
    const count = list.u16();
    const polls = list.child(list.u16());
    for (let o = 0; o < count; o++) {
      const handle = polls.u16();
      observations.push({ context, handle, attributes: parseAttributeList(polls) });
    }
  }
  return observations;
}

function parseAttributeList(reader: ByteReader): PollAttribute[] {
  const count = reader.u16();
  const list = reader.child(reader.u16());
  const attributes: PollAttribute[] = [];
  for (let i = 0; i < count; i++) {
    const id = list.u16();
    attributes.push({ id, value: list.view(list.u16()) });
  }
  return attributes;
}

/**
 * Sets the RelativeTime of a poll result, in place; false for any other message. The simulator
 * uses it to keep the monitor's clock running forward when a capture loops.
 */
export function setPollRelativeTime(userData: Uint8Array, relativeTime: number): boolean {
  if (userData[0] !== SessionType.DATA) return false;
  try {
    const reader = new ByteReader(userData, DATA_HEADER.length);
    const roType = reader.u16();
    if (roType !== RoType.RESULT && roType !== RoType.LINKED_RESULT) return false;
    reader.skip(2 + (roType === RoType.LINKED_RESULT ? 2 : 0) + 2);
    if (reader.u16() !== Command.CONFIRMED_ACTION) return false;
    reader.skip(2 + 6);
    const actionType = reader.u16();
    if (actionType !== ActionType.POLL && actionType !== ActionType.EXTENDED_POLL) return false;
    reader.skip(2 + 2 + (actionType === ActionType.EXTENDED_POLL ? 2 : 0));
    const at = userData.length - reader.remaining;
    reader.skip(4);
    new DataView(userData.buffer, userData.byteOffset, userData.byteLength).setUint32(
      at,
      relativeTime >>> 0,
    );
    return true;
  } catch (error) {
    if (error instanceof MalformedMessage) return false;
    throw error;
  }
}

function dataMessage(
  roType: number,
  invokeId: number,
  command: number,
  args: Uint8Array,
): Uint8Array {
  const operation = new ByteWriter().u16(invokeId).u16(command).lengthPrefixed(args).toBytes();
  return new ByteWriter().bytes(DATA_HEADER).u16(roType).lengthPrefixed(operation).toBytes();
}

function writeMdsObject(writer: ByteWriter): ByteWriter {
  return writer.u16(MDS_OBJECT.objectClass).u16(MDS_OBJECT.context).u16(MDS_OBJECT.handle);
}

/** A confirmed action on the MDS object (all polls are addressed to it), scope 0. */
function mdsAction(invokeId: number, actionType: number, action: Uint8Array): Uint8Array {
  const args = writeMdsObject(new ByteWriter()).u32(0).u16(actionType).lengthPrefixed(action);
  return dataMessage(RoType.INVOKE, invokeId, Command.CONFIRMED_ACTION, args.toBytes());
}

/** Answer to the monitor's MDS Create event: it sends no data before it has this. */
export function encodeMdsCreateResult(invokeId: number, eventTime: number): Uint8Array {
  const args = writeMdsObject(new ByteWriter()).u32(eventTime).u16(EventType.MDS_CREATE).u16(0);
  return dataMessage(RoType.RESULT, invokeId, Command.CONFIRMED_EVENT_REPORT, args.toBytes());
}

export interface PollRequestSpec {
  invokeId: number;
  pollNumber: number;
  objectClass: number;
  attributeGroup: number;
}

/** A single poll: one answer now. The station uses it as its keep-alive. */
export function encodeSinglePollRequest(spec: PollRequestSpec): Uint8Array {
  const action = new ByteWriter()
    .u16(spec.pollNumber)
    .u16(Partition.OBJECT)
    .u16(spec.objectClass)
    .u16(spec.attributeGroup);
  return mdsAction(spec.invokeId, ActionType.POLL, action.toBytes());
}

/**
 * An extended poll: the monitor keeps sending results (numerics every 1 s, waves every 256 ms,
 * alarms on change) for `periodTicks` (attribute NOM_ATTR_TIME_PD_POLL).
 */
export function encodeExtendedPollRequest(
  spec: PollRequestSpec & { periodTicks: number },
): Uint8Array {
  const period = new ByteWriter().u16(AttributeId.POLL_PERIOD).u16(4).u32(spec.periodTicks);
  const action = new ByteWriter()
    .u16(spec.pollNumber)
    .u16(Partition.OBJECT)
    .u16(spec.objectClass)
    .u16(spec.attributeGroup)
    .u16(1)
    .lengthPrefixed(period.toBytes());
  return mdsAction(spec.invokeId, ActionType.EXTENDED_POLL, action.toBytes());
}

const MODIFY_REPLACE = 0;

/**
 * Sets the MDS's wave priority list (NOM_ATTR_POLL_RTSA_PRIO_LIST): which waves a wave poll
 * returns, as TextId labels (partition in the high 16 bits, e.g. 0x00020100 for ECG).
 */
export function encodeWavePriorityList(invokeId: number, labels: readonly number[]): Uint8Array {
  const list = new ByteWriter().u16(labels.length).u16(labels.length * 4);
  for (const label of labels) list.u32(label);
  const entry = new ByteWriter()
    .u16(MODIFY_REPLACE)
    .u16(AttributeId.WAVE_PRIORITY_LIST)
    .lengthPrefixed(list.toBytes());
  const args = writeMdsObject(new ByteWriter()).u32(0).u16(1).lengthPrefixed(entry.toBytes());
  return dataMessage(RoType.INVOKE, invokeId, Command.CONFIRMED_SET, args.toBytes());
}

/** Session-layer parameters of the connect SPDU, fixed by the Programming Guide. */
const CONNECT_PARAMETERS = hexBytes('05 08 13 01 00 16 01 02 80 00 14 02 00 02');
const PRESENTATION_USER_DATA = 0xc1;
/**
 * The ACSE AARQ in its presentation envelope (BER, indefinite lengths), fixed by the Guide, up
 * to the tag of the user-information field that carries the MDSE user info.
 */
const AARQ_HEAD = hexBytes(
  '31 80 A0 80 80 01 01 00 00 A2 80 A0 03 00 00 01 A4 80 30 80 02 01 01 06 04 52 01 00 01' +
    '30 80 06 02 51 01 00 00 00 00 30 80 02 01 02 06 0C 2A 86 48 CE 14 02 01 00 00 00 01 01' +
    '30 80 06 0C 2A 86 48 CE 14 02 01 00 00 00 02 01 00 00 00 00 00 00 61 80 30 80 02 01 01' +
    'A0 80 60 80 A1 80 06 0C 2A 86 48 CE 14 02 01 00 00 00 03 01 00 00 BE 80 28 80 06 0C 2A' +
    '86 48 CE 14 02 01 00 00 00 01 01 02 01 02 81',
);
/** End-of-contents octets closing the envelope's indefinite lengths. */
const AARQ_TAIL = new Uint8Array(16);

const PROTOCOL_VERSION_MDDL_1 = 0x80000000;
const NOMENCLATURE_VERSION = 0x40000000;
const SYSTEM_TYPE_CLIENT = 0x80000000;
const STARTUP_COLD = 0x20000000;
const POLL_PROFILE_REVISION_0 = 0x80000000;
/** The monitor may create and delete objects during the association (modules plugged). */
const POLL_OPTIONS_DYNAMIC_OBJECTS = 0x60000000;
const UNLIMITED_BANDWIDTH = 0xffffffff;

/** Poll profile extensions: extended polls of 1-s numerics, real-time waves, enumerations. */
const EXTENDED_POLL_NUMERICS_1S = 0x80000000;
const EXTENDED_POLL_WAVES = 0x08000000;
const EXTENDED_POLL_ENUMERATIONS = 0x04000000;

export interface AssociationSettings {
  /** Shortest poll period the client wants, in ticks. */
  minPollPeriodTicks: number;
  maxMtuReceive: number;
  maxMtuTransmit: number;
}

function sessionLength(length: number): Uint8Array {
  return length < 0xff ? Uint8Array.of(length) : Uint8Array.of(0xff, length >> 8, length & 0xff);
}

function berLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  if (length < 0x100) return Uint8Array.of(0x81, length);
  return Uint8Array.of(0x82, length >> 8, length & 0xff);
}

function attribute(id: number, value: Uint8Array): Uint8Array {
  return new ByteWriter().u16(id).lengthPrefixed(value).toBytes();
}

function attributeList(attributes: Uint8Array[]): Uint8Array {
  const body = new ByteWriter();
  for (const a of attributes) body.bytes(a);
  return new ByteWriter().u16(attributes.length).lengthPrefixed(body.toBytes()).toBytes();
}

function mdseUserInfo(settings: AssociationSettings): Uint8Array {
  const extensions = new ByteWriter()
    .u32(EXTENDED_POLL_NUMERICS_1S | EXTENDED_POLL_WAVES | EXTENDED_POLL_ENUMERATIONS)
    .bytes(attributeList([]));
  const pollProfile = new ByteWriter()
    .u32(POLL_PROFILE_REVISION_0)
    .u32(settings.minPollPeriodTicks)
    .u32(settings.maxMtuReceive)
    .u32(settings.maxMtuTransmit)
    .u32(UNLIMITED_BANDWIDTH)
    .u32(POLL_OPTIONS_DYNAMIC_OBJECTS)
    .bytes(attributeList([attribute(AttributeId.POLL_PROFILE_EXTENSIONS, extensions.toBytes())]));
  return new ByteWriter()
    .u32(PROTOCOL_VERSION_MDDL_1)
    .u32(NOMENCLATURE_VERSION)
    .u32(0)
    .u32(SYSTEM_TYPE_CLIENT)
    .u32(STARTUP_COLD)
    .bytes(attributeList([]))
    .bytes(attributeList([attribute(AttributeId.POLL_PROFILE_SUPPORT, pollProfile.toBytes())]))
    .toBytes();
}

/** The association request (connect SPDU) that opens a session with the monitor. */
export function encodeAssociationRequest(settings: AssociationSettings): Uint8Array {
  const userInfo = mdseUserInfo(settings);
  const presentation = new ByteWriter()
    .bytes(AARQ_HEAD)
    .bytes(berLength(userInfo.length))
    .bytes(userInfo)
    .bytes(AARQ_TAIL)
    .toBytes();
  const body = new ByteWriter()
    .bytes(CONNECT_PARAMETERS)
    .u8(PRESENTATION_USER_DATA)
    .bytes(sessionLength(presentation.length))
    .bytes(presentation)
    .toBytes();
  return new ByteWriter()
    .u8(SessionType.CONNECT)
    .bytes(sessionLength(body.length))
    .bytes(body)
    .toBytes();
}
