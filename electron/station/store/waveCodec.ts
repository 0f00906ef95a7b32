/**
 * How a wave chunk's samples are laid out in its BLOB. The codec name is stored per row, so a
 * compressing codec can be added later without rewriting the chunks already on disk.
 */
export type WaveCodec = 'int16le';

const BYTES_PER_SAMPLE = 2;

export interface EncodedWave {
  codec: WaveCodec;
  data: Buffer;
}

/** Little-endian whatever the host, so a database file moves between machines unchanged. */
export function encodeWaveSamples(samples: Int16Array): EncodedWave {
  const data = Buffer.alloc(samples.length * BYTES_PER_SAMPLE);
  samples.forEach((sample, index) => data.writeInt16LE(sample, index * BYTES_PER_SAMPLE));
  return { codec: 'int16le', data };
}
