/**
 * Example messages copied verbatim (as data) from ../shared/reference/hl7-and-ihe-pcd.md, Appendix:
 * IHE PCD Technical Framework Vol 2 Rev 9 examples, the GE B40 HL7 reference manual, the Dräger
 * IHE-PCD-ACM reference messages, a HAPI test resource and a published ADT^A12 sample. Each
 * message is a list of segments; messageText joins them with CR as MLLP carries them.
 * The GE B40 message is the manual's "Example 1" opening (p. 25) followed by its IBP channel
 * block (p. 21), joined into one message.
 */
export interface ReferenceMessage {
  /** Appendix entry in the reference, e.g. "A1". */
  entry: string;
  title: string;
  source: string;
  segments: readonly string[];
}

export const referenceMessages = {
  pcd01Monitor: {
    entry: 'A1',
    title: 'PCD-01, physiological monitor',
    source: 'TF2-R9 §E.1.1 p. 174',
    segments: [
      'MSH|^~\\&|PAT_DEVICE_PHILIPS_C|Philips|||20150122182658+0000||ORU^R01^ORU_R01|HP0122182658686QQ000CND119C0WS61|P|2.6|||AL|NE||8859/1|EN^English^ISO639||IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO',
      'PID|||HO2009001^^^^MR||Hon^Albert^""^^^^L||19610101|M',
      'PV1||I|HO Surgery^OR^1',
      'OBR|1||201512218265601|69965^MDC_DEV_MON_PHYSIO_MULTI_PARAM_MDS^MDC|||20150122182656',
      'OBX|1|ST|69965^MDC_DEV_MON_PHYSIO_MULTI_PARAM_MDS^MDC|1.0.0.0|||||||X|||||||e86c094f-f751-4acf-92b2-38f11c1f6f57-Device',
      'OBX|2|ST|70686^MDC_DEV_PRESS_BLD_NONINV_VMD^MDC|1.1.0.0|||||||X|||||||0600dc750001',
      'OBX|3|ST|70675^MDC_DEV_PULS_CHAN^MDC|1.1.1.0|||||||X',
      'OBX|4|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.1.1.5|117|266016^MDC_DIM_MMHG^MDC|90-160||||X|||20150122115000',
      'OBX|5|NM|150022^MDC_PRESS_BLD_NONINV_DIA^MDC|1.1.1.6|82|266016^MDC_DIM_MMHG^MDC|||||X|||20150122115000',
      'OBX|6|NM|150023^MDC_PRESS_BLD_NONINV_MEAN^MDC|1.1.1.7|90|266016^MDC_DIM_MMHG^MDC|||||X|||20150122115000',
      'OBX|7|ST|4262^MDC_DEV_ECG_VMD^MDC|1.2.0.0|||||||X|||||||0600dc750001',
      'OBX|8|ST|4263^MDC_DEV_ECG_CHAN^MDC|1.2.1.0|||||||X',
      'OBX|9|NM|147842^MDC_ECG_CARD_BEAT_RATE^MDC|1.2.1.1|80|264864^MDC_DIM_BEAT_PER_MIN^MDC|50-120||||X',
      'OBX|10|NM|147232^MDC_ECG_TIME_PD_QT_GL^MDC|1.2.1.14|360|264338^MDC_DIM_MILLI_SEC^MDC|||||X',
      'OBX|11|NM|147236^MDC_ECG_TIME_PD_QTc^MDC|1.2.1.15|416|264338^MDC_DIM_MILLI_SEC^MDC|<500||||X',
      'OBX|12|NM|151562^MDC_RESP_RATE^MDC|1.2.1.19|30|264928^MDC_DIM_RESP_PER_MIN^MDC|8-45||||X',
      'OBX|13|ST|184327^MDC_ECG_STAT_RHY^MDC|1.2.1.21|MDC_ECG_SINUS_RHY||||||X',
      'OBX|14|ST|69642^MDC_DEV_ANALY_SAT_O2_VMD^MDC|1.3.0.0|||||||X|||||||0600dc750001',
      'OBX|15|ST|70771^MDC_DEV_ANALY_PERF_REL_CHAN^MDC|1.3.1.0|||||||X',
      'OBX|16|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.3.1.1|99|262688^MDC_DIM_PERCENT^MDC|90-100||||X',
      'OBX|17|NM|150448^MDC_PULS_OXIM_PERF_REL^MDC|1.3.1.3|3.9|262656^MDC_DIM_DIMLESS^MDC|||||X',
    ],
  },
  pcd01EpisodicNibp: {
    entry: 'A2',
    title: 'PCD-01, episodic NIBP with UCUM units and OBX-18',
    source: 'TF2-R9 §E.1.2 p. 175',
    segments: [
      'MSH|^~\\&|ACME_Gateway^080019FFFE3ED02D^EUI-64|ACME Healthcare|||20110602050000+0000||ORU^R01^ORU_R01|0104ef190d604db188c3|P|2.6|||AL|NE||UNICODE UTF-8|||PCD_DEC_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO',
      'PID|||12345^^^A^MR||BEDS^TEDSONS^^^^^L',
      'PV1||U|COLWELL^^SOLAR',
      'OBR|1|080019FFFE3ED02D20110602045842^ACME_Gateway^080019FFFE3ED02D^EUI-64|080019FFFE3ED02D20110602045842^ACME_Gateway^080019FFFE3ED02D^EUI-64|182777000^monitoring of patient^SCT|||20110602045842+0000',
      'OBX|1||69965^MDC_DEV_MON_PHYSIO_MULTI_PARAM_MDS^MDC|1.0.0.0|||||||X',
      'OBX|2||70686^MDC_DEV_PRESS_BLD_NONINV_VMD^MDC|1.16.0.0|||||||X',
      'OBX|3||70687^MDC_DEV_PRESS_BLD_NONINV_CHAN^MDC|1.16.1.0|||||||X|||20110602045842',
      'OBX|4|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.16.1.1|111|mm[Hg]^mm[Hg]^UCUM|||||R|||20110602045842||||080019FFFE3ED02D172.16.172.135^GATEWAY_ACME',
      'OBX|5|NM|150022^MDC_PRESS_BLD_NONINV_DIA^MDC|1.16.1.2|60|mm[Hg]^mm[Hg]^UCUM|||||R|||20110602045842||||080019FFFE3ED02D172.16.172.135^GATEWAY_ACME',
      'OBX|6|NM|150023^MDC_PRESS_BLD_NONINV_MEAN^MDC|1.16.1.3|80|mm[Hg]^mm[Hg]^UCUM|||||R|||20110602045842||||080019FFFE3ED02D172.16.172.135^GATEWAY_ACME',
      'OBX|7|NM|149546^MDC_PULS_RATE_NON_INV^MDC|1.16.1.4|63|{beat}/min^{beat}/min^UCUM|||||R|||20110602045842||||080019FFFE3ED02D172.16.172.135^GATEWAY_ACME',
    ],
  },
  pcd01GeB40: {
    entry: 'A3',
    title: 'PCD-01, GE B40 (vendor manual, first segments of "Example 1")',
    source: 'GE-B40 p. 25 (continues on p. 26)',
    segments: [
      'MSH|^~\\&|VSP^080019FFFE134535^EUI-64|GE Healthcare|||20130122134100||ORU^R01^ORU_R01|004097134535|P|2.6|||NE|AL||UNICODE UTF-8|||PCD_DEC_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO',
      'PID|||HED12^^^PID^MR||LAZY^KITTY^^^^^L|||',
      'PV1||R|SURGERY^^V2',
      'OBR|1|080019FFFE13453520130122134100^VSP^080019FFFE134535^EUI-64|080019FFFE13453520130122134100^VSP^080019FFFE134535^EUI-64|182777000^monitoring of patient^SCT|||20130122134100',
      'OBX|1||69965^MDC_DEV_MON_PHYSIO_MULTI_PARAM_MDS^MDC|1.0.0.0|||||||X',
      'OBX|2||69854^MDC_DEV_METER_PRESS_BLD_VMD^MDC|1.13.0.0|||||||X',
      'OBX|3||69855^MDC_DEV_METER_PRESS_BLD_CHAN^MDC|1.13.1.0|||||||X',
      'OBX|4|NM|150033^MDC_PRESS_BLD_ART_SYS^MDC|1.13.1.1|112|266016^MDC_DIM_MMHG^MDC|||||R|||||||080019FFFE0B4020^B40_GE',
      'OBX|5|NM|150034^MDC_PRESS_BLD_ART_DIA^MDC|1.13.1.2|76|266016^MDC_DIM_MMHG^MDC|||||R|||||||080019FFFE0B4020^B40_GE',
      'OBX|6|NM|150035^MDC_PRESS_BLD_ART_MEAN^MDC|1.13.1.3|95|266016^MDC_DIM_MMHG^MDC|||||R|||||||080019FFFE0B4020^B40_GE',
      'OBX|7|NM|149522^MDC_BLD_PULS_RATE_INV^MDC|1.13.1.4|80|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||R|||||||080019FFFE0B4020^B40_GE',
    ],
  },
  pcd04LowSpo2: {
    entry: 'A4',
    title: 'PCD-04, low SpO2 alarm start',
    source: 'TF2-R9 §E.3.1 p. 179',
    segments: [
      'MSH|^~\\&|MINDRAY_EGATEWAY^00A037EB2175780F^EUI-64|MINDRAY|AM_PHILIPS_IEM^00095CFFFE741952^EUI-64|PHILIPS|20120111150457-0600||ORU^R40^ORU_R40|1|P|2.6|||AL|NE||UNICODE UTF-8|||IHE_PCD_ACM_001^IHE PCD^1.3.6.1.4.1.19376.1.6.4.4.1^ISO',
      'PID|||HO2009001^^^Hospital^PI||Hon^Albert^^^^^L||18991230|M',
      'PV1||I|HO Surgery^OR^1',
      'OBR|1|1^MINDRAY_EGATEWAY^00A037EB2175780F^EUI64|1^MINDRAY_EGATEWAY^00A037EB2175780F^EUI64|196616^MDC_EVT_ALARM^MDC|||20120111150457-0600||||||||||||||||||||||^1&MINDRAY_EGATEWAY&00A037EB2175780F&EUI-64',
      'OBX|1|ST|196670^MDC_EVT_LO^MDC|1.3.1.150456.1|Low SpO2|||L~PM~SP|||F|||20120111150457-0600||||F1519EFX^SHENZHEN_DEVICE^mindray.com^DNS',
      'OBX|2|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.3.1.150456.2|88|262688^MDC_DIM_PERCENT^MDC|90-96||||F|||20120111150457-0600',
      'OBX|3|ST|68481^MDC_ATTR_EVENT_PHASE^MDC|1.3.1.150456.3|start||||||F',
      'OBX|4|ST|68482^MDC_ATTR_ALARM_STATE^MDC|1.3.1.150456.4|active||||||F',
      'OBX|5|ST|68483^MDC_ATTR_ALARM_INACTIVATION_STATE|1.3.1.150456.5|enabled|||||F',
    ],
  },
  pcd04PumpOcclusion: {
    entry: 'A5',
    title: 'PCD-04, infusion pump occlusion (technical alarm) start',
    source: 'TF2-R9 §E.3.2 p. 180',
    segments: [
      'MSH|^~\\&|PAT_DEVICE_BBRAUN^0012211839000001^EUI-64|BBRAUN|AM_Philips_IEM^ 00095CFFFE741952 ^EUI-64|Philips|20120109175417-0600||ORU^R40^ORU_R40|6346172845752460251|P|2.6|||AL|NE||ASCII|EN^English^ISO639||IHE_PCD_ACM_001^IHE PCD^1.3.6.1.4.1.19376.1.6.4.4.1^ISO',
      'PID|||HO2009003^^^AA1^PI||Hon^Amy^^^^^L|Coburn^^^^^^L|19610301000000-0600|F',
      'PV1||I|HO 3 West ICU^10^1',
      'OBR|1|634617284575713662^PAT_DEVICE_BBRAUN^0012211839000001^EUI-64|P6013_4^PAT_DEVICE_BBRAUN^0012211839000001^EUI-64|196616^MDC_EVT_ALARM^MDC|||20120109175417-0600||||||||||||||||||||||^E0001_27&PAT_DEVICE_BBRAUN&0012211839000001&EUI-64',
      'OBX|1|CWE|196616^MDC_EVT_ALARM^MDC|1.0.0.0.1|196940^MDC_EVT_FLUID_LINE_OCCL^MDC^^^^^^Occlusion|||ST|||F|||||||P6013^^0012210000000000^EUI-64',
      'OBX|2|CWE|68480^MDC_ATTR_ALERT_SOURCE^MDC|1.0.0.0.2|69985^MDC_DEV_PUMP_INFUS_MDS^MDC||||||F|||20120109175417-0600',
      'OBX|3|ST|68481^MDC_ATTR_EVENT_PHASE^MDC|1.0.0.0.3|start||||||F',
      'OBX|4|ST|68482^MDC_ATTR_ALARM_STATE^MDC|1.0.0.0.4|active||||||F',
      'OBX|5|ST|68483^MDC_ATTR_ALARM_INACTIVATION_STATE|1.0.0.0.5|enabled|||||F',
    ],
  },
  pcd04Draeger: {
    entry: 'A6',
    title: 'PCD-04, Dräger reference alarm (LF-terminated file)',
    source: '`klotzt-draeger/IHE-PCD-ACM:ReferenceMessages/PCD04_alarm.txt`',
    segments: [
      'MSH|^~\\&|0000000000000001^EUI-64|IHE_AR|||20191127160543+0100||ORU^R40^ORU_R40|0|D|2.6|||AL|NE|||||IHE_PCD_ACM_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.4.1^ISO',
      'PID|||8888^^^^AN||Data^Simulated^Patient^^^^L',
      'PV1||I|CU1^^Bed001^TAM',
      'OBR|1||0^3d313edb-6fab-4718-9d38-82262c83aea5^0000000000000001^EUI-64|196616^MDC_EVT_ALARM^MDC|||20191127160543+0100||||||||||||||||||||||^0&3d313edb-6fab-4718-9d38-82262c83aea5&0000000000000001&EUI-64',
      'OBX|1||69837^MDC_DEV_METER_PHYSIO_MULTI_PARAM_MDS^MDC|1.0.0.0|||||||X|||||||urn:uuid:f9bd67ba-10f9-11ea-bab1-0050b612afeb^^urn:uuid:f9bd67ba-10f9-11ea-bab1-0050b612afeb^URN',
      'OBX|2||69838^MDC_DEV_METER_PHYSIO_MULTI_PARAM_VMD^MDC|1.1.0.0|||||||X|||||||urn:uuid:f9bd67ba-10f9-11ea-bab1-0050b612afeb^^urn:uuid:f9bd67ba-10f9-11ea-bab1-0050b612afeb^URN',
      'OBX|3|ST|196916^MDC_EVT_SENSOR_DISCONN^MDC|1.1.1.1|CO2 Sensor unplugged||||||F|||||||urn:uuid:f9bd67ba-10f9-11ea-bab1-0050b612afeb^^urn:uuid:f9bd67ba-10f9-11ea-bab1-0050b612afeb^URN',
      'OBX|4|NM|68480^MDC_ATTR_ALERT_SOURCE^MDC|1.1.1.2|42||||||F|||||||urn:uuid:f9bd67ba-10f9-11ea-bab1-0050b612afeb^^urn:uuid:f9bd67ba-10f9-11ea-bab1-0050b612afeb^URN',
      'OBX|5|ST|68481^MDC_ATTR_EVENT_PHASE^MDC|1.1.1.3|start||||||F|||||||urn:uuid:f9bd67ba-10f9-11ea-bab1-0050b612afeb^^urn:uuid:f9bd67ba-10f9-11ea-bab1-0050b612afeb^URN',
      'OBX|6|ST|68482^MDC_ATTR_ALARM_STATE^MDC|1.1.1.4|active||||||F|||||||urn:uuid:f9bd67ba-10f9-11ea-bab1-0050b612afeb^^urn:uuid:f9bd67ba-10f9-11ea-bab1-0050b612afeb^URN',
      'OBX|7|ST|68483^MDC_ATTR_ALARM_INACTIVATION_STATE^MDC|1.1.1.5|enabled||||||F|||||||urn:uuid:f9bd67ba-10f9-11ea-bab1-0050b612afeb^^urn:uuid:f9bd67ba-10f9-11ea-bab1-0050b612afeb^URN',
      'OBX|8|ST|68484^MDC_ATTR_ALARM_PRIORITY^MDC|1.1.1.6|PL||||||F|||||||urn:uuid:f9bd67ba-10f9-11ea-bab1-0050b612afeb^^urn:uuid:f9bd67ba-10f9-11ea-bab1-0050b612afeb^URN',
      'OBX|9|ST|68485^MDC_ATTR_ALERT_TYPE^MDC|1.1.1.7|SP||||||F|||||||urn:uuid:f9bd67ba-10f9-11ea-bab1-0050b612afeb^^urn:uuid:f9bd67ba-10f9-11ea-bab1-0050b612afeb^URN',
    ],
  },
  pcd10DeliveryStart: {
    entry: 'A7',
    title: 'PCD-10, infusion delivery start',
    source: 'TF2-R9 §M.1.2.2 p. 250 ("code value 0" = pending assignment)',
    segments: [
      'MSH|^~\\&|PAT_DEVICE_PUMPVENDOR^9999990000000000^EUI-64|PUMPVENDOR|DOC_VENDOR|DOC_VENDOR|20151015132107-0500||ORU^R42^ORU_R01|6358051206735492253|P|2.6|||AL|NE||ASCII|en^English^ISO639||IHE_PCD_010^IHE PCD^1.3.6.1.4.1.19376.1.6.4.10^ISO',
      'PID|||HO2009002^^^IHE^PI||Hon^Charles^^^^^L|Brooks^^^^^^L|19610201000000-0600|M|||||||||||||||||||||||N',
      'PV1||I|3 West ICU^3002^1',
      'OBR|1|AB12345^PCD-03|CD12345^HL7^ACDE48234567ABCD^EUI-64|2222^Dopamine|||20151015132106-0500',
      'OBX|1||70049^MDC_DEV_PUMP_INFUS_LVP_MDS^MDC|1.0.0.0|||||||X|||||N0002||E0002^^0012210000000000^EUI-64',
      'OBX|2|ST|184517^MDC_PUMP_DRUG_LIBRARY_VERSION^MDC|1.0.0.1|DL1||||||R',
      'OBX|3|CWE|0^MDC_ATTR_EVT_COND^MDC|1.0.0.2|197288^MDC_EVT_PUMP_DELIV_START^MDC||||||R',
      'OBX|4|ST|0^MDC_ATTR_EVT_SOURCE^MDC|1.0.0.3|1.1.2.0||||||R',
      'OBX|5||70050^MDC_DEV_PUMP_INFUS_LVP_VMD^MDC|1.1.0.0|||||||X',
      'OBX|6||0^MDC_DEV_PUMP_DELIVERY_INFO^MDC|1.1.1.0|||||||X',
      'OBX|7|CWE|184519^MDC_PUMP_INFUSING_STATUS^MDC|1.1.1.1|^pump-status-infusing||||||R',
      'OBX|8|NM|0^MDC_FLOW_FLUID_PUMP_CURRENT^MDC|1.1.1.2|15.4|265266^MDC_DIM_MILLI_L_PER_HR^MDC^mL/h^mL/h^UCUM|||||R',
      'OBX|9|CWE|0^MDC_DEV_PUMP_ACTIVE_SOURCES^MDC|1.1.1.3|^pump-source-info-primary||||||R',
      'OBX|10||0^MDC_DEV_PUMP_INFUSATE_SOURCE_PRIMARY^MDC|1.1.2.0|||||||X',
      'OBX|11|CWE|0^MDC_DEV_PUMP_CURRENT_DELIVERY_STATUS^MDC|1.1.2.1|^pump-delivery-status-delivering||||||R',
      'OBX|12|CWE|0^MDC_DEV_PUMP_PROGRAM_DELIVERY_MODE^MDC|1.1.2.2|^pump-program-delivery-mode-continuous||||||R',
      'OBX|13|ST|0^MDC_DEV_PUMP_SOURCE_CHANNEL_LABEL^MDC|1.1.2.3|Primary||||||R',
      'OBX|14|NM|157784^MDC_FLOW_FLUID_PUMP^MDC|1.1.2.4|15.4|265266^MDC_DIM_MILLI_L_PER_HR^MDC^mL/h^mL/h^UCUM|||||R',
      'OBX|15|NM|157924^MDC_RATE_DOSE^MDC|1.1.2.5|5.00|265619^MDC_DIM_MICRO_G_PER_KG_PER_MIN^MDC^ug/kg/min^ug/kg/min^UCUM|||||R',
      'OBX|16|NM|157884^MDC_VOL_FLUID_TBI^MDC|1.1.2.6|250.0|263762^MDC_DIM_MILLI_L^MDC^mL^mL^UCUM|||||R',
      'OBX|17|NM|157993^MDC_VOL_FLUID_DELIV_TOTAL^MDC|1.1.2.7|0.0|263762^MDC_DIM_MILLI_L^MDC^mL^mL^UCUM|||||R',
      'OBX|18|NM|157872^MDC_VOL_FLUID_TBI_REMAIN^MDC|1.1.2.8|250.0|263762^MDC_DIM_MILLI_L^MDC^mL^mL^UCUM|||||R',
      'OBX|19|NM|157916^MDC_TIME_PD_REMAIN^MDC|1.1.2.9|974|264352^MDC_DIM_MIN^MDC^min^min^UCUM|||||R',
      'OBX|20|ST|184514^MDC_DRUG_NAME_LABEL^MDC|1.1.2.10|Dopamine||||||R',
      'OBX|21|NM|157760^MDC_CONC_DRUG^MDC|1.1.2.11|1.6|264306^MDC_DIM_MILLI_G_PER_ML^MDC^mg/mL^mg/mL^UCUM|||||R',
      'OBX|22|ST|184516^MDC_PUMP_DRUG_LIBRARY_CARE_AREA^MDC|1.1.2.12|Crit Care||||||R',
      'OBX|23|NM|68063^MDC_ATTR_PT_WEIGHT^MDC|1.1.2.13|82.0|263875^MDC_DIM_KILO_G^MDC^kg^kg^UCUM|||||R',
    ],
  },
  adtA03Hapi: {
    entry: 'A10',
    title: 'ADT^A03 (HAPI test resource)',
    source: '`hapifhir/hapi-hl7v2:hapi-test/src/test/resources/ca/uhn/hl7v2/parser/adt_a03.txt`',
    segments: [
      'MSH|^~\\&|IRIS|SANTER|AMB_R|SANTER|200803051508||ADT^A03|263206|P|2.5',
      'EVN||200803051509||||200803031508',
      'PID|||5520255^^^PK^PK~ZZZZZZ83M64Z148R^^^CF^CF~ZZZZZZ83M64Z148R^^^SSN^SSN^^20070103^99991231~^^^^TEAM||ZZZ^ZZZ||19830824|F||||||||||||||||||||||N',
      'PV1||I|6402DH^^^^^^^^MED. 1 - ONCOLOGIA^^OSPEDALE MAGGIORE DI LODI&LODI|||^^^^^^^^^^OSPEDALE MAGGIORE DI LODI&LODI|13936^TEST^TEST||||||||||5068^TEST2^TEST2||2008003369||||||||||||||||||||||||||200803031508',
      'PR1|1||1111^Mastoplastica|Protesi|20090224|02|',
    ],
  },
  adtA12: {
    entry: 'A12',
    title: 'ADT^A12 cancel transfer',
    source:
      'http://healthcareitsystems.com/2013/04/03/hl7-adt-a12-sample-message/ (as published; EVN-1 says A02)',
    segments: [
      'MSH|^~\\&|AccMgr|1|||20050110114442||ADT^A12|59910287|P|2.3|||',
      'EVN|A02|20050110114442|||||',
      'PID|1||10006579^^^1^MRN^1||DUCK^DONALD^D||19241010|M||1|111^DUCK ST^^FOWL^CA^999990000^^M|1|8885551212|8885551212|1|2||40007716^^^AccMgr^VN^1|123121234|||||||||||NO',
      'PV1|1|I|IN1^214^1^1^^^S|3||PREOP^101^|37^DISNEY^WALT^^^^^^AccMgr^^^^CI|||01||||1|||37^DISNEY^WALT^^^^^^AccMgr^^^^CI|2|40007716^^^AccMgr^VN|4|||||||||||||||||||1||I|||20050110045253||||||',
    ],
  },
  pcd03Order: {
    entry: 'A8',
    title: 'PCD-03 order (dopamine)',
    source: 'TF2-R9 §E.2.3 pp. 176–178',
    segments: [
      'MSH|^~\\&|IOPVENDOR^1234560000000001^EUI-64|IOPVENDOR|IOCVENDOR^6543210000000001^EUI-64|IOCVENDOR|20080101123456-0600||RGV^O15^RGV_O15|1|P|2.5|||AL|ER||ASCII|EN^English^ISO659||IHE_PCD_PIV_001',
      'PID|||98765^^^IHE^PI||Doe^John^^^^^L||19660101000000-0600|M',
      'ORC|RE|12345|||||||||||||||||N0001',
      'RXG|1|||1234^Dopamine|250||263762^MDC_DIM_MILLI_L^MDC^mL^mL^UCUM ||||||||10|3475^ug/kg/min^UCUM^265619^MDC_DIM_MICRO_G_PER_KG_PER_MIN^MDC|400|1746^mg^UCUM^263890^MDC_DIM_MILLI_G^MDC|||||250|263762^MDC_DIM_MILLI_L^MDC^mL^mL^UCUM',
      'RXR|IV||IVP',
      'OBX|1||69986^MDC_DEV_PUMP_INFUS_VMD^MDC||||||||X|||||||^^A0001^PUMPVENDOR',
      'OBX|2|NM|68063^MDC_ATTR_PT_WEIGHT^MDC||85.0|kg^kg^UCUM^263875^MDC_DIM_KILO_G^MDC',
    ],
  },
  pcd03AcceptAck: {
    entry: 'A8',
    title: 'PCD-03 accept ACK',
    source: 'TF2-R9 §E.2.3 pp. 176–178',
    segments: [
      'MSH|^~\\&|IOCVENDOR^6543210000000001^EUI-64|IOCVENDOR|IOPVENDOR^1234560000000001^EUI-64|IOPVENDOR|20080101123456-0600||ACK^O15^ACK|1|P|2.5||||||ASCII|EN^English^ISO659||IHE_PCD_PIV_001',
      'MSA|CA|1',
    ],
  },
  pcd03Reject: {
    entry: 'A8',
    title: 'PCD-03 application reject',
    source: 'TF2-R9 §E.2.3 pp. 176–178',
    segments: [
      'MSH|^~\\&|IOCVENDOR^6543210000000001^EUI-64|IOCVENDOR|IOPVENDOR^1234560000000001^EUI-64|IOPVENDOR|20080101123456- 0600||RRG^O16^RRG_O16|102|P|2.5||||||ASCII|EN^English^ISO659||IHE_PCD_PIV_001',
      'MSA|AR|102',
      'ERR|||207^ Application internal error|F|9010^Unable to match medication to drug library',
    ],
  },
} satisfies Record<string, ReferenceMessage>;

export type ReferenceMessageName = keyof typeof referenceMessages;

/** The message as MLLP carries it: segments ended by CR. */
export function messageText(message: ReferenceMessage): string {
  return message.segments.map((segment) => `${segment}\r`).join('');
}
