/**
 * The unit's alarm policy: set by the hospital in the station configuration, not by a nurse
 * (IEC 60601-1-8 leaves latching and inactivation to the responsible organisation).
 */
import { z } from 'zod';
import { UnitProfile } from './limits/LimitProfiles.js';

export const AlarmPolicy = z
  .object({
    profile: UnitProfile.default('adult'),
    /** A latching alarm stays shown after its condition ends, until acknowledged. */
    latching: z
      .object({ high: z.boolean(), medium: z.boolean(), low: z.boolean() })
      .strict()
      .default({ high: true, medium: false, low: false }),
    audioPauseSeconds: z.number().int().min(30).max(600).default(120),
    /** Unacknowledged high-priority alarms escalate after this long. */
    escalateAfterSeconds: z.number().int().min(10).max(600).default(60),
    /** Reminder signal interval while audio is off or an acknowledged alarm persists. */
    reminderSeconds: z.number().int().min(30).max(900).default(180),
    allowAudioOff: z.boolean().default(false),
  })
  .strict();
export type AlarmPolicy = z.infer<typeof AlarmPolicy>;

export const DEFAULT_ALARM_POLICY: AlarmPolicy = AlarmPolicy.parse({});
