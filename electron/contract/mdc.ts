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
  HeartRate: term(147842, 'MDC_ECG_HEART_RATE', 'HR', '{beat}/min'),
  RespRate: term(151562, 'MDC_RESP_RATE', 'RR', '{breath}/min'),
  NibpSys: term(150021, 'MDC_PRESS_BLD_NONINV_SYS', 'NBP sys', 'mm[Hg]'),
  NibpDia: term(150022, 'MDC_PRESS_BLD_NONINV_DIA', 'NBP dia', 'mm[Hg]'),
  NibpMean: term(150023, 'MDC_PRESS_BLD_NONINV_MEAN', 'NBP mean', 'mm[Hg]'),
  Temperature: term(150344, 'MDC_TEMP', 'Temp', 'Cel'),
  // GE S/5 and ASCII oximeters; codes missing from the reference table: see their PROTOCOL.md.
  PulseRate: term(149514, 'MDC_PULS_RATE', 'Pulse', '{beat}/min'),
  AbpSys: term(150037, 'MDC_PRESS_BLD_ART_ABP_SYS', 'ABP sys', 'mm[Hg]'),
  AbpDia: term(150038, 'MDC_PRESS_BLD_ART_ABP_DIA', 'ABP dia', 'mm[Hg]'),
  AbpMean: term(150039, 'MDC_PRESS_BLD_ART_ABP_MEAN', 'ABP mean', 'mm[Hg]'),
  BloodPressureSys: term(150017, 'MDC_PRESS_BLD_SYS', 'BP sys', 'mm[Hg]'),
  BloodPressureDia: term(150018, 'MDC_PRESS_BLD_DIA', 'BP dia', 'mm[Hg]'),
  BloodPressureMean: term(150019, 'MDC_PRESS_BLD_MEAN', 'BP mean', 'mm[Hg]'),
  EtCo2: term(151728, 'MDC_AWAY_CO2_ET', 'etCO₂', 'mm[Hg]'),
  RespRateCo2: term(151594, 'MDC_CO2_RESP_RATE', 'awRR', '{breath}/min'),
  RespRateImpedance: term(151578, 'MDC_TTHOR_RESP_RATE', 'RR imp', '{breath}/min'),
  PerfusionIndex: term(150448, 'MDC_PULS_OXIM_PERF_REL', 'PI', '%'),
  EcgUnspecifiedLead: term(131328, 'MDC_ECG_ELEC_POTL', 'ECG', 'mV'),
  EcgI: term(131329, 'MDC_ECG_ELEC_POTL_I', 'I', 'mV'),
  EcgII: term(131330, 'MDC_ECG_ELEC_POTL_II', 'II', 'mV'),
  EcgIII: term(131389, 'MDC_ECG_ELEC_POTL_III', 'III', 'mV'),
  EcgAvr: term(131390, 'MDC_ECG_ELEC_POTL_AVR', 'aVR', 'mV'),
  EcgAvl: term(131391, 'MDC_ECG_ELEC_POTL_AVL', 'aVL', 'mV'),
  EcgAvf: term(131392, 'MDC_ECG_ELEC_POTL_AVF', 'aVF', 'mV'),
  EcgV: term(131395, 'MDC_ECG_ELEC_POTL_V', 'V', 'mV'),
  AbpWave: term(150036, 'MDC_PRESS_BLD_ART_ABP', 'ABP', 'mm[Hg]'),
  BloodPressureWave: term(150016, 'MDC_PRESS_BLD', 'BP', 'mm[Hg]'),
  Co2Wave: term(151700, 'MDC_CONC_AWAY_CO2', 'CO₂', '%'),
  RespImpedanceWave: term(151780, 'MDC_IMPED_TTHOR', 'Resp', 'Ohm'),
  // Philips IntelliVue (physio ids are these term codes in partition 2): see its PROTOCOL.md.
  PvcRate: term(148065, 'MDC_ECG_V_P_C_CNT', 'PVC', '{beat}/min'),
  PlethPulseRate: term(149538, 'MDC_PLETH_PULS_RATE', 'Pulse', '{beat}/min'),
  // ST deviation in mm as IntelliVue sends it by default (1 mm = 0.1 mV at 10 mm/mV).
  StI: term(131841, 'MDC_ECG_AMPL_ST_I', 'ST-I', 'mm'),
  StII: term(131842, 'MDC_ECG_AMPL_ST_II', 'ST-II', 'mm'),
  StIII: term(131901, 'MDC_ECG_AMPL_ST_III', 'ST-III', 'mm'),
  StAvr: term(131902, 'MDC_ECG_AMPL_ST_AVR', 'ST-aVR', 'mm'),
  StAvl: term(131903, 'MDC_ECG_AMPL_ST_AVL', 'ST-aVL', 'mm'),
  StAvf: term(131904, 'MDC_ECG_AMPL_ST_AVF', 'ST-aVF', 'mm'),
  StV: term(131907, 'MDC_ECG_AMPL_ST_V', 'ST-V', 'mm'),
  StMcl: term(131915, 'MDC_ECG_AMPL_ST_MCL', 'ST-MCL', 'mm'),
  ArtWave: term(150032, 'MDC_PRESS_BLD_ART', 'ART', 'mm[Hg]'),
  ArtSys: term(150033, 'MDC_PRESS_BLD_ART_SYS', 'ART sys', 'mm[Hg]'),
  ArtDia: term(150034, 'MDC_PRESS_BLD_ART_DIA', 'ART dia', 'mm[Hg]'),
  ArtMean: term(150035, 'MDC_PRESS_BLD_ART_MEAN', 'ART mean', 'mm[Hg]'),
  CvpWave: term(150084, 'MDC_PRESS_BLD_VEN_CENT', 'CVP', 'mm[Hg]'),
  CvpMean: term(150087, 'MDC_PRESS_BLD_VEN_CENT_MEAN', 'CVP mean', 'mm[Hg]'),
  RespWave: term(151552, 'MDC_RESP', 'Resp', '1'),
  AirwayCo2Wave: term(151724, 'MDC_AWAY_CO2', 'CO₂', 'mm[Hg]'),
  AirwayRespRate: term(151570, 'MDC_AWAY_RESP_RATE', 'awRR', '{breath}/min'),
} as const satisfies Record<string, MdcTerm>;

const byCode = new Map<number, MdcTerm>(Object.values(Mdc).map((t) => [t.code, t]));

export function mdcTerm(code: number): MdcTerm | undefined {
  return byCode.get(code);
}
