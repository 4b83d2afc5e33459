#!/usr/bin/env node
// Draws the Flowdesk icon (512x512 PNG, resources/icons/icon.png) with no image tooling: three nodes
// of a flow joined by a path, on a rounded dark tile. electron-builder derives the per-platform icon
// sizes (icns, ico, hicolor PNGs) from this one file. Run again after changing the drawing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'icons', 'icon.png');

const BG = [30, 41, 59];
const EDGE = [96, 165, 250];
const NODES = [
  { x: 150, y: 170, r: 58, color: [56, 189, 248] },
  { x: 362, y: 256, r: 58, color: [167, 139, 250] },
  { x: 150, y: 342, r: 58, color: [52, 211, 153] }
];

function distToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Coverage of a shape whose signed distance is d (negative inside), anti-aliased over one pixel. */
const cover = (d) => Math.max(0, Math.min(1, 0.5 - d));

function pixel(x, y) {
  const cx = x + 0.5;
  const cy = y + 0.5;
  // Rounded-square tile with a 96 px corner radius and a 16 px margin.
  const m = 16;
  const r = 96;
  const qx = Math.max(Math.abs(cx - SIZE / 2) - (SIZE / 2 - m - r), 0);
  const qy = Math.max(Math.abs(cy - SIZE / 2) - (SIZE / 2 - m - r), 0);
  const tile = cover(Math.hypot(qx, qy) - r);
  let rgb = [...BG];
  const blend = (color, a) => (rgb = rgb.map((c, i) => c + (color[i] - c) * a));
  const [a, b, c] = NODES;
  const edge = Math.min(distToSegment(cx, cy, a.x, a.y, b.x, b.y), distToSegment(cx, cy, c.x, c.y, b.x, b.y)) - 14;
  blend(EDGE, cover(edge));
  for (const n of NODES) {
    const d = Math.hypot(cx - n.x, cy - n.y);
    blend([15, 23, 42], cover(d - n.r - 10)); // a dark ring separates node from edge
    blend(n.color, cover(d - n.r));
  }
  return [...rgb.map((v) => Math.round(v)), Math.round(tile * 255)];
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    const p = pixel(x, y);
    raw.set(p, y * (SIZE * 4 + 1) + 1 + x * 4);
  }
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0))
]);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, png);
console.log(`wrote ${out} (${SIZE}x${SIZE}, ${png.length} bytes)`);
