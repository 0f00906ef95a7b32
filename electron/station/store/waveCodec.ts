/**
 * How a wave chunk's samples are laid out in its BLOB. The codec name is stored per row, so
 * chunks written by an older station (plain int16le) stay readable next to compressed ones.
 */
import { decodeWaveform, encodeWaveform, WaveformCodecError } from './RiceWaveformCodec.js';

export type WaveCodec = 'int16le' | 'rice1';

export interface EncodedWave {
  codec: WaveCodec;
  data: Buffer;
}

export function encodeWaveSamples(samples: Int16Array): EncodedWave {
  const encoded = encodeWaveform(samples);
  return {
    codec: 'rice1',
    data: Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength),
  };
}

export function decodeWaveSamples(codec: string, data: Uint8Array): Int16Array {
  switch (codec) {
    case 'rice1':
      return decodeWaveform(data);
    case 'int16le': {
      // Little-endian whatever the host, so a database file moves between machines unchanged.
      const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
      return Int16Array.from({ length: data.byteLength >> 1 }, (_, i) =>
        view.getInt16(i * 2, true),
      );
    }
    default:
      throw new WaveformCodecError(`unknown wave codec "${codec}"`);
  }
}
