/** The numerics every bed tile shows, in order, with how many decimals each is read to. */
import { Mdc, type MdcTerm } from '../../../electron/contract/mdc.js';

export interface TileParameter {
  term: MdcTerm;
  decimals: number;
}

export const tileParameters: readonly TileParameter[] = [
  { term: Mdc.SpO2, decimals: 0 },
  { term: Mdc.PulseRateOximeter, decimals: 0 },
];
