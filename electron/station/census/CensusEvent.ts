/**
 * One ADT event as the census keeps it in its log. Locations are kept as the hospital wrote them
 * (PV1-3 point of care^room^bed); which station bed that is gets decided when the log is read, so
 * correcting the location map corrects the past too. The schema validates events read back from
 * the database.
 */
import { z } from 'zod';

export const CensusPatient = z.object({
  id: z.string(),
  name: z.string(),
  sex: z.string().nullable(),
  birthDate: z.string().nullable(),
});
export type CensusPatient = z.infer<typeof CensusPatient>;

export const AdtEventKind = z.enum(['A01', 'A02', 'A03', 'A04', 'A08', 'A11', 'A12', 'A13', 'A17']);
export type AdtEventKind = z.infer<typeof AdtEventKind>;

export const CensusEvent = z.object({
  kind: AdtEventKind,
  /** EVN-2 (or MSH-7), ms since the epoch. */
  at: z.number(),
  patient: CensusPatient,
  /** PV1-19 visit number, when sent. */
  visit: z.string().nullable(),
  /** PV1-3 as text; null when absent. */
  location: z.string().nullable(),
  /** PV1-6 (prior location), for transfers and their cancels. */
  priorLocation: z.string().nullable(),
  /** A17's second patient and location. */
  swappedWith: z.object({ patient: CensusPatient, location: z.string().nullable() }).nullable(),
});
export type CensusEvent = z.infer<typeof CensusEvent>;

/** Which event kinds each cancel undoes. */
export const CANCELS: Partial<Record<AdtEventKind, readonly AdtEventKind[]>> = {
  A11: ['A01', 'A04'],
  A12: ['A02'],
  A13: ['A03'],
};
