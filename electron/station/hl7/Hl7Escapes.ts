/**
 * HL7 v2 escape sequences (v2.5 §2.7): the message's own delimiters inside text travel as
 * \F\ \S\ \T\ \R\ \E\ (and v2.7's \P\), arbitrary bytes as \Xhh…\ in the message's character set.
 * On write, delimiters and the segment terminators CR and LF are escaped so that no text can
 * break the message apart.
 */
import type { Hl7Charset, Hl7Delimiters } from './Hl7Message.js';

/**
 * Decodes escapes in one leaf value. \.br\ (FT line break) becomes LF; highlighting (\H\ \N\)
 * carries no data and is dropped; sequences this station does not interpret (\Zxx\ local,
 * \Cxxyy\ \Mxxyyzz\ charset switches, other formatting) and an unterminated escape are kept
 * verbatim, so nothing a sender wrote is silently lost.
 */
export function unescapeText(text: string, d: Hl7Delimiters, charset: Hl7Charset): string {
  if (d.escape === '' || !text.includes(d.escape)) return text;
  let out = '';
  let from = 0;
  for (;;) {
    const start = text.indexOf(d.escape, from);
    if (start < 0) break;
    const end = text.indexOf(d.escape, start + 1);
    if (end < 0) break;
    out += text.slice(from, start);
    const decoded = decodeSequence(text.slice(start + 1, end), d, charset);
    out += decoded ?? text.slice(start, end + 1);
    from = end + 1;
  }
  return out + text.slice(from);
}

function decodeSequence(body: string, d: Hl7Delimiters, charset: Hl7Charset): string | null {
  switch (body) {
    case 'F':
      return d.field;
    case 'S':
      return d.component;
    case 'T':
      return d.subcomponent;
    case 'R':
      return d.repetition;
    case 'E':
      return d.escape;
    case 'P':
      return d.truncation === '' ? null : d.truncation;
    case '.br':
      return '\n';
    case 'H':
    case 'N':
      return '';
  }
  if (body.startsWith('X')) return decodeHex(body.slice(1), charset);
  return null;
}

function decodeHex(hex: string, charset: Hl7Charset): string | null {
  if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9A-Fa-f]+$/.test(hex)) return null;
  return Buffer.from(hex, 'hex').toString(charset === 'UTF-8' ? 'utf8' : 'latin1');
}

const CR_OR_LF = /[\r\n]/;

/** Escapes one leaf value for writing into a message with these delimiters. */
export function escapeText(text: string, d: Hl7Delimiters): string {
  if (!needsEscaping(text, d)) return text;
  let out = '';
  for (const ch of text) {
    if (ch === d.escape) out += `${d.escape}E${d.escape}`;
    else if (ch === d.field) out += `${d.escape}F${d.escape}`;
    else if (ch === d.component) out += `${d.escape}S${d.escape}`;
    else if (ch === d.subcomponent) out += `${d.escape}T${d.escape}`;
    else if (ch === d.repetition) out += `${d.escape}R${d.escape}`;
    else if (d.truncation !== '' && ch === d.truncation) out += `${d.escape}P${d.escape}`;
    else if (ch === '\r') out += `${d.escape}X0D${d.escape}`;
    else if (ch === '\n') out += `${d.escape}X0A${d.escape}`;
    else out += ch;
  }
  return out;
}

function needsEscaping(text: string, d: Hl7Delimiters): boolean {
  return (
    CR_OR_LF.test(text) ||
    text.includes(d.field) ||
    text.includes(d.component) ||
    text.includes(d.subcomponent) ||
    text.includes(d.repetition) ||
    text.includes(d.escape) ||
    (d.truncation !== '' && text.includes(d.truncation))
  );
}
