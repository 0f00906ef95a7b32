/**
 * Every schema migration, oldest first. A new one gets the next number, its own file, and a line
 * here; a released migration is never edited, because stations in the field have already run it.
 */
import type { Migration } from '../Migrator.js';
import { initial } from './0001-initial.js';
import { hl7AndCensus } from './0002-hl7-and-census.js';
import { retentionAndTrends } from './0003-retention-and-trends.js';

export const migrations: readonly Migration[] = [initial, hl7AndCensus, retentionAndTrends];
