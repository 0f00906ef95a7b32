/**
 * IEEE 11073-10101 nomenclature: the codes this station uses, with their reference ids and the
 * UCUM unit it reports them in. Numeric code = partition * 65536 + term code (partition 2 = SCADA).
 * Values checked against ../shared/reference/hl7-and-ihe-pcd.md (IHE PCD examples).
 */
export interface MdcTerm {
  code: number;
  refid: string;
  label: string;
  ucum: string;
}

function term(code: number, refid: string, label: string, ucum: string): MdcTerm {
  return { code, refid, label, ucum };
}

export const Mdc = {
  SpO2: term(150456, 'MDC_PULS_OXIM_SAT_O2', 'SpO₂', '%'),
  PulseRateOximeter: term(149530, 'MDC_PULS_OXIM_PULS_RATE', 'PR', '{beat}/min'),
  Pleth: term(150452, 'MDC_PULS_OXIM_PLETH', 'Pleth', '1'),
} as const satisfies Record<string, MdcTerm>;

const byCode = new Map<number, MdcTerm>(Object.values(Mdc).map((t) => [t.code, t]));

export function mdcTerm(code: number): MdcTerm | undefined {
  return byCode.get(code);
}
