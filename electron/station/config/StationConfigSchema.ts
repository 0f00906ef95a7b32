/**
 * The station configuration file. One schema for the file IT writes, the demo ward and the
 * values the engine runs with; unknown keys are errors so a typo never silently does nothing.
 */
import { z } from 'zod';
import { AlarmPolicy, DEFAULT_ALARM_POLICY } from '../alarms/AlarmPolicy.js';

const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'use letters, digits, ".", "_" or "-"');

const TcpTransport = z
  .object({
    kind: z.literal('tcp'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535),
  })
  .strict();

const SerialTransport = z
  .object({
    kind: z.literal('serial'),
    /** A typed-in path is always allowed: ptys and some adapters are never listed. */
    path: z.string().min(1),
    baudRate: z.number().int().positive().optional(),
    dataBits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]).optional(),
    parity: z.enum(['none', 'even', 'odd', 'mark', 'space']).optional(),
    stopBits: z.union([z.literal(1), z.literal(1.5), z.literal(2)]).optional(),
    flowControl: z.enum(['none', 'rtscts', 'xonxoff']).optional(),
  })
  .strict();

export const LinkTransportConfig = z.discriminatedUnion('kind', [TcpTransport, SerialTransport]);
export type LinkTransportConfig = z.infer<typeof LinkTransportConfig>;

export const DeviceLinkConfig = z
  .object({
    id: Id,
    bed: Id,
    protocol: z.string().min(1),
    transport: LinkTransportConfig,
    /** No data for this long makes the link stale and raises a technical alarm. */
    staleAfterMs: z.number().int().min(1000).max(600_000).default(10_000),
    /** Simulated or demo device: its data is marked DEMO and never relayed. */
    demo: z.boolean().default(false),
  })
  .strict();
export type DeviceLinkConfig = z.infer<typeof DeviceLinkConfig>;

export const BedConfig = z.object({ id: Id, label: z.string().min(1).max(32) }).strict();
export type BedConfig = z.infer<typeof BedConfig>;

/**
 * How long the store keeps what, and when the data disk counts as nearly full. Defaults are the
 * product promise: 96 h of full disclosure (GE keeps 72 h), 30-day trends.
 */
export const StorageConfig = z
  .object({
    // Up to 31 days (744 h); more belongs in an archive, not the station's database.
    fullDisclosureHours: z.number().min(1).max(744).default(96),
    numericsHours: z.number().min(1).max(744).default(96),
    trendDays: z.number().min(1).max(366).default(30),
    minFreeDiskMb: z.number().int().min(1).default(1024),
  })
  .strict();
export type StorageConfig = z.infer<typeof StorageConfig>;

/** A SHA-256 certificate fingerprint, with or without colons (as openssl and Node print it). */
const Sha256Fingerprint = z
  .string()
  .regex(
    /^([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/,
    'a SHA-256 fingerprint: 64 hex digits, colons allowed',
  );

/**
 * The HL7 v2 MLLP listener for gateways and devices (IHE PCD) and the ADT feed. Loopback by
 * default: listening on the LAN is a decision IT makes in the file, with TLS and allowlists.
 */
export const Hl7ListenerConfig = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    /** 2575 is HL7's registered port; 0 picks a free one (tests). */
    port: z.number().int().min(0).max(65535).default(2575),
    tls: z
      .object({
        certFile: z.string().min(1),
        keyFile: z.string().min(1),
        caFile: z.string().min(1).optional(),
        allowedClientFingerprints: z.array(Sha256Fingerprint).default([]),
      })
      .strict()
      .optional(),
    /** Addresses or CIDR ranges (10.1.0.0/16) allowed to connect; empty allows any. */
    allowedSources: z
      .array(z.string().regex(/^[0-9A-Fa-f.:]+(\/\d{1,3})?$/, 'an IP address or CIDR range'))
      .default([]),
    maxFrameBytes: z
      .number()
      .int()
      .min(1024)
      .max(64 * 1_048_576)
      .default(4 * 1_048_576),
    idleTimeoutMs: z.number().int().min(1000).default(600_000),
  })
  .strict();
export type Hl7ListenerConfig = z.infer<typeof Hl7ListenerConfig>;

export const Hl7Config = z
  .object({
    listener: Hl7ListenerConfig.default(Hl7ListenerConfig.parse({})),
    /** PV1-3 (point of care^room^bed) → station bed, where the names differ. */
    locations: z.array(z.object({ location: z.string().min(1), bed: Id }).strict()).default([]),
    /** OBX-18 / MSH-3 equipment id → station bed, for devices that send no location. */
    equipment: z.array(z.object({ equipment: z.string().min(1), bed: Id }).strict()).default([]),
  })
  .strict();
export type Hl7Config = z.infer<typeof Hl7Config>;

export const StationConfig = z
  .object({
    unit: z.object({ name: z.string().min(1).max(64) }).strict(),
    beds: z.array(BedConfig).min(1).max(32),
    links: z.array(DeviceLinkConfig).default([]),
    alarms: AlarmPolicy.default(DEFAULT_ALARM_POLICY),
    storage: StorageConfig.optional(),
    hl7: Hl7Config.optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const beds = new Set<string>();
    config.beds.forEach((b, i) => {
      if (beds.has(b.id))
        ctx.addIssue({
          code: 'custom',
          path: ['beds', i, 'id'],
          message: `duplicate bed "${b.id}"`,
        });
      beds.add(b.id);
    });
    const links = new Set<string>();
    config.links.forEach((l, i) => {
      if (links.has(l.id))
        ctx.addIssue({
          code: 'custom',
          path: ['links', i, 'id'],
          message: `duplicate link "${l.id}"`,
        });
      links.add(l.id);
      if (!beds.has(l.bed))
        ctx.addIssue({
          code: 'custom',
          path: ['links', i, 'bed'],
          message: `no bed "${l.bed}" is configured`,
        });
    });
    for (const key of ['locations', 'equipment'] as const) {
      config.hl7?.[key].forEach((entry, i) => {
        if (!beds.has(entry.bed))
          ctx.addIssue({
            code: 'custom',
            path: ['hl7', key, i, 'bed'],
            message: `no bed "${entry.bed}" is configured`,
          });
      });
    }
  });
export type StationConfig = z.infer<typeof StationConfig>;
