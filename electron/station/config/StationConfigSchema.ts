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

export const StationConfig = z
  .object({
    unit: z.object({ name: z.string().min(1).max(64) }).strict(),
    beds: z.array(BedConfig).min(1).max(32),
    links: z.array(DeviceLinkConfig).default([]),
    alarms: AlarmPolicy.default(DEFAULT_ALARM_POLICY),
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
  });
export type StationConfig = z.infer<typeof StationConfig>;
