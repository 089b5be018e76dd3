/**
 * Organisation seals (印章) printed over the signature block of issued letters (GB/T 9704-2012 7.3.5.2).
 * An admin uploads a PNG with transparency; it is checked here by its bytes (never by the declared type or
 * name) and stored on the organisation. demoSealPng draws a plain red ring with a star, for demo data and
 * tests (a real seal is the organisation's own scan).
 */
import zlib from 'node:zlib';

export const SEAL_MAX_BYTES = 512 * 1024;
export const SEAL_MIN_PIXELS = 100;
export const SEAL_MAX_PIXELS = 2000;

export type SealProblem = 'not_png' | 'too_large' | 'dimensions' | 'no_transparency' | 'corrupt';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Checks an uploaded seal: a PNG (by signature and a readable chunk list ending in IEND), at most 512 KB,
 * 100–2000 px a side, with an alpha channel (colour type 4 or 6) or a tRNS chunk so the text under the seal
 * stays readable. Returns the problem, or null when the image is acceptable.
 */
export function checkSealPng(data: Buffer): SealProblem | null {
  if (data.length > SEAL_MAX_BYTES) return 'too_large';
  if (data.length < 33 || !data.subarray(0, 8).equals(SIGNATURE)) return 'not_png';
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  let hasTrns = false;
  let sawEnd = false;
  while (offset + 12 <= data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    if (offset + 12 + length > data.length) return 'corrupt';
    if (offset === 8) {
      if (type !== 'IHDR' || length !== 13) return 'corrupt';
      width = data.readUInt32BE(offset + 8);
      height = data.readUInt32BE(offset + 12);
      colourType = data[offset + 17];
    }
    if (type === 'tRNS') hasTrns = true;
    const crc = zlib.crc32(data.subarray(offset + 4, offset + 8 + length));
    if (crc !== data.readUInt32BE(offset + 8 + length)) return 'corrupt';
    offset += 12 + length;
    if (type === 'IEND') {
      sawEnd = true;
      break;
    }
  }
  if (!sawEnd) return 'corrupt';
  if (width < SEAL_MIN_PIXELS || height < SEAL_MIN_PIXELS || width > SEAL_MAX_PIXELS || height > SEAL_MAX_PIXELS) return 'dimensions';
  if (colourType !== 4 && colourType !== 6 && !hasTrns) return 'no_transparency';
  return null;
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), body])));
  return Buffer.concat([head, body, crc]);
}

/** Encodes RGBA pixels as a PNG (colour type 6, 8 bits), or as RGB (type 2) without `alpha`. */
export function encodePng(width: number, height: number, rgba: Uint8Array, options: { alpha?: boolean } = {}): Buffer {
  const alpha = options.alpha ?? true;
  const bpp = alpha ? 4 : 3;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = alpha ? 6 : 2;
  const raw = Buffer.alloc((width * bpp + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * bpp + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x++) for (let k = 0; k < bpp; k++) raw[row + 1 + x * bpp + k] = rgba[(y * width + x) * 4 + k];
  }
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** A red ring with a five-pointed star on a transparent background (demo and test seal). */
export function demoSealPng(size = 400): Buffer {
  const rgba = new Uint8Array(size * size * 4);
  const c = size / 2;
  const outer = size * 0.48;
  const inner = size * 0.43;
  const star: Array<[number, number]> = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? size * 0.17 : size * 0.068;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    star.push([c + r * Math.cos(a), c + r * Math.sin(a)]);
  }
  const inStar = (x: number, y: number) => {
    let inside = false;
    for (let i = 0, j = star.length - 1; i < star.length; j = i++) {
      const [xi, yi] = star[i];
      const [xj, yj] = star[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x + 0.5 - c, y + 0.5 - c);
      const on = (d <= outer && d >= inner) || inStar(x + 0.5, y + 0.5);
      const i = (y * size + x) * 4;
      rgba[i] = 0xe6;
      rgba[i + 1] = 0x00;
      rgba[i + 2] = 0x12;
      rgba[i + 3] = on ? 0xd8 : 0;
    }
  }
  return encodePng(size, size, rgba);
}
