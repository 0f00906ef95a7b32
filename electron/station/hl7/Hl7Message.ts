/**
 * A parsed HL7 v2 message: segments of fields, read through accessors that number fields,
 * components and subcomponents from 1 as the standard does. A field is split and unescaped only
 * when someone reads it, because a mapper reads a handful of fields out of each segment and
 * ingest speed is bounded by the work done per message.
 */
import { unescapeText } from './Hl7Escapes.js';

/** The message's own separators, read from MSH-1 and MSH-2. */
export interface Hl7Delimiters {
  field: string;
  component: string;
  repetition: string;
  escape: string;
  subcomponent: string;
  /** v2.7's truncation character (5th MSH-2 character), when the sender declares one. */
  truncation: string;
}

export const STANDARD_DELIMITERS: Hl7Delimiters = {
  field: '|',
  component: '^',
  repetition: '~',
  escape: '\\',
  subcomponent: '&',
  truncation: '',
};

/** How the message's bytes were turned into text (MSH-18). */
export type Hl7Charset = 'ASCII' | '8859/1' | 'UTF-8';

/** A leaf value: text with escapes decoded, or null for HL7's explicit null `""`. */
export type Hl7Subcomponent = string | null;
export type Hl7Component = Hl7Subcomponent[];
export type Hl7Repetition = Hl7Component[];
/** Repetitions of components of subcomponents; an empty field has no repetitions. */
export type Hl7Field = Hl7Repetition[];

export const EXPLICIT_NULL = '""';

export class Hl7Segment {
  /** Fields decoded so far, by number; most segments never have a field read. */
  private decoded: (Hl7Field | undefined)[] | null = null;

  /**
   * @param fields the segment's raw field texts, index n = field n; for MSH, index 1 is the
   *   field separator and index 2 the encoding characters, as the standard numbers them.
   */
  constructor(
    readonly name: string,
    private readonly fields: readonly string[],
    readonly delimiters: Hl7Delimiters,
    private readonly charset: Hl7Charset,
  ) {}

  /** Number of the last field present. */
  get lastField(): number {
    return this.fields.length - 1;
  }

  /** The field as it was sent, escapes and all ('' when absent). */
  raw(n: number): string {
    return this.fields[n] ?? '';
  }

  field(n: number): Hl7Field {
    this.decoded ??= [];
    let field = this.decoded[n];
    if (!field) {
      field = this.decodeField(n);
      this.decoded[n] = field;
    }
    return field;
  }

  /** One leaf value; undefined when the position is absent, null for an explicit null. */
  value(n: number, component = 1, subcomponent = 1, repetition = 1): Hl7Subcomponent | undefined {
    const decoded = this.decoded?.[n];
    if (decoded === undefined && repetition === 1 && subcomponent === 1) {
      // A plain field is its own value: no need to build (and keep) its structure.
      const raw = this.raw(n);
      if (raw === '') return undefined;
      if (isPlain(raw, this.delimiters) && !this.isDelimiterField(n)) {
        return component === 1 ? raw : undefined;
      }
    }
    return this.field(n)[repetition - 1]?.[component - 1]?.[subcomponent - 1];
  }

  /** One leaf value as text: absent and explicit null both read as ''. */
  text(n: number, component = 1, subcomponent = 1, repetition = 1): string {
    return this.value(n, component, subcomponent, repetition) ?? '';
  }

  /** Every repetition's first component, e.g. OBX-8 `L~PM~SP` → ['L', 'PM', 'SP']. */
  repeatedTexts(n: number): string[] {
    return this.field(n).map((rep) => rep[0]?.[0] ?? '');
  }

  isExplicitNull(n: number): boolean {
    return this.raw(n) === EXPLICIT_NULL;
  }

  private decodeField(n: number): Hl7Field {
    const raw = this.raw(n);
    if (raw === '') return [];
    if (this.isDelimiterField(n)) return [[[raw]]];
    return decodeFieldText(raw, this.delimiters, this.charset);
  }

  /** MSH-1 and MSH-2 are the delimiters themselves, never split or unescaped. */
  private isDelimiterField(n: number): boolean {
    return (n === 1 || n === 2) && this.name === 'MSH';
  }
}

export class Hl7Message {
  constructor(
    readonly segments: readonly Hl7Segment[],
    readonly delimiters: Hl7Delimiters,
    readonly charset: Hl7Charset,
  ) {}

  get header(): Hl7Segment {
    const msh = this.segments[0];
    if (!msh) throw new Error('An HL7 message always starts with its MSH segment');
    return msh;
  }

  segment(name: string): Hl7Segment | undefined {
    return this.segments.find((s) => s.name === name);
  }

  segmentsNamed(name: string): Hl7Segment[] {
    return this.segments.filter((s) => s.name === name);
  }

  /** MSH-9 as `ORU^R01^ORU_R01`-style parts. */
  get messageType(): { code: string; trigger: string; structure: string } {
    const msh = this.header;
    return { code: msh.text(9, 1), trigger: msh.text(9, 2), structure: msh.text(9, 3) };
  }

  get controlId(): string {
    return this.header.text(10);
  }
}

/** Splits one field's raw text into repetitions, components and subcomponents, unescaped. */
export function decodeFieldText(
  raw: string,
  delimiters: Hl7Delimiters,
  charset: Hl7Charset,
): Hl7Field {
  if (raw === EXPLICIT_NULL) return [[[null]]];
  // Most fields are one plain value, and most of the rest only have components (CWE codes,
  // units): neither needs the full split or any unescaping.
  if (isPlain(raw, delimiters)) return [[[raw]]];
  if (!charactersOf(delimiters, 'deep').test(raw)) {
    return [raw.split(delimiters.component).map((c) => [c === EXPLICIT_NULL ? null : c])];
  }
  return splitOn(raw, delimiters.repetition).map((rep) =>
    splitOn(rep, delimiters.component).map((component) =>
      splitOn(component, delimiters.subcomponent).map((sub) =>
        sub === EXPLICIT_NULL ? null : unescapeText(sub, delimiters, charset),
      ),
    ),
  );
}

/** A missing delimiter (a sender declaring fewer than four) simply never splits. */
function splitOn(text: string, delimiter: string): string[] {
  return delimiter === '' || !text.includes(delimiter) ? [text] : text.split(delimiter);
}

/**
 * One scan for structure characters, per delimiter set (one object per message): 'any' is every
 * delimiter and the escape, 'deep' all but the component separator.
 */
const structurePatterns = new WeakMap<Hl7Delimiters, { any: RegExp; deep: RegExp }>();
const NEVER = /(?!)/;

function charactersOf(d: Hl7Delimiters, kind: 'any' | 'deep'): RegExp {
  let patterns = structurePatterns.get(d);
  if (!patterns) {
    const deep = d.repetition + d.subcomponent + d.escape;
    patterns = { any: characterClass(d.component + deep), deep: characterClass(deep) };
    structurePatterns.set(d, patterns);
  }
  return patterns[kind];
}

function characterClass(chars: string): RegExp {
  return chars === '' ? NEVER : new RegExp(`[${chars.replace(/[\\\]^-]/g, '\\$&')}]`);
}

function isPlain(raw: string, d: Hl7Delimiters): boolean {
  return raw !== EXPLICIT_NULL && !charactersOf(d, 'any').test(raw);
}
