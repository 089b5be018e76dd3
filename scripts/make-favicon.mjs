#!/usr/bin/env node
/**
 * Writes app/favicon.ico (served at /favicon.ico by the App Router; browsers ask for it on every first visit,
 * which otherwise rendered the 404 page): the 政务 red of the header line (app/globals.css --color-gov-red) as a
 * rounded square with a white sheet of three lines — the disclosed document. 16, 32 and 48 px PNGs in one ICO.
 * No image library: the PNGs are written with node:zlib.   node scripts/make-favicon.mjs
 */
import fs from 'node:fs';
import zlib from 'node:zlib';

const RED = [0xb9, 0x1c, 0x1c, 255];
const WHITE = [255, 255, 255, 255];
const CLEAR = [0, 0, 0, 0];

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(n) {
  const px = Array.from({ length: n }, () => Array.from({ length: n }, () => CLEAR));
  const r = n * 0.18;
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const cx = Math.min(Math.max(x + 0.5, r), n - r);
      const cy = Math.min(Math.max(y + 0.5, r), n - r);
      if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r) px[y][x] = RED;
    }
  }
  const [x0, x1, y0, y1] = [Math.round(n * 0.28), Math.round(n * 0.72), Math.round(n * 0.18), Math.round(n * 0.82)];
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) px[y][x] = WHITE;
  const lineHeight = Math.max(1, Math.round(n / 16));
  const inset = Math.max(1, Math.round(n * 0.07));
  [0.36, 0.5, 0.64].forEach((frac, k) => {
    const top = Math.round(n * frac);
    for (let y = top; y < top + lineHeight; y++) for (let x = x0 + inset; x < x1 - inset - (k === 2 ? Math.round(n * 0.1) : 0); x++) px[y][x] = RED;
  });
  const raw = Buffer.concat(px.map((row) => Buffer.from([0, ...row.flat()])));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(n, 0);
  header.writeUInt32BE(n, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const sizes = [16, 32, 48];
const images = sizes.map(png);
const head = Buffer.alloc(6 + 16 * sizes.length);
head.writeUInt16LE(0, 0);
head.writeUInt16LE(1, 2); // icon
head.writeUInt16LE(sizes.length, 4);
let offset = head.length;
sizes.forEach((n, i) => {
  const e = 6 + 16 * i;
  head.writeUInt8(n, e);
  head.writeUInt8(n, e + 1);
  head.writeUInt16LE(1, e + 4); // planes
  head.writeUInt16LE(32, e + 6); // bits per pixel
  head.writeUInt32LE(images[i].length, e + 8);
  head.writeUInt32LE(offset, e + 12);
  offset += images[i].length;
});
fs.writeFileSync(new URL('../app/favicon.ico', import.meta.url), Buffer.concat([head, ...images]));
