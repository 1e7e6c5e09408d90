// Draws the app icon — a bar chart on a rounded green tile — as build/icon.png (1024x1024 RGBA).
// Plain Node (zlib for the PNG stream), so it runs anywhere the project builds: `node build/make-icon.js`.
// electron-builder derives every platform's icon (.ico, .icns, Linux sizes) from the committed PNG.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const SIZE = 1024;
const TILE = [15, 81, 50, 255];
const BAR = [209, 231, 221, 255];
const BASE = [255, 193, 7, 255];

/** Inside a rectangle with rounded corners (x0,y0)-(x1,y1), corner radius r. */
function inRoundRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

const shapes = [
  [TILE, 64, 64, 960, 960, 180],
  [BAR, 232, 560, 352, 800, 24],
  [BAR, 392, 440, 512, 800, 24],
  [BAR, 552, 320, 672, 800, 24],
  [BAR, 712, 216, 832, 800, 24],
  [BASE, 200, 832, 864, 872, 20],
];

const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
for (let y = 0; y < SIZE; y++) {
  const row = y * (SIZE * 4 + 1); // each scanline starts with filter type 0
  for (let x = 0; x < SIZE; x++) {
    let color = [0, 0, 0, 0];
    for (const [c, ...box] of shapes) if (inRoundRect(x + 0.5, y + 0.5, ...box)) color = c;
    raw.set(color, row + 1 + x * 4);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = path.join(__dirname, 'icon.png');
fs.writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
