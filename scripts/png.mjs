// Minimal PNG encoder and the redflag icon (a flag on a rounded square), so the build needs
// no image tools.
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

export function encodePng(width, height, rgba) {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Supersampled drawing of the icon at `size` pixels.
export function icon(size) {
  const S = 4;
  const rgba = Buffer.alloc(size * size * 4);
  const bg = [184, 50, 50];
  const fg = [255, 255, 255];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let acc = [0, 0, 0, 0];
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const u = (x + (sx + 0.5) / S) / size;
          const v = (y + (sy + 0.5) / S) / size;
          const r = 0.2;
          const dx = Math.max(r - u, 0, u - (1 - r));
          const dy = Math.max(r - v, 0, v - (1 - r));
          if (dx * dx + dy * dy > r * r) continue; // outside the rounded square
          const pole = u >= 0.27 && u <= 0.35 && v >= 0.18 && v <= 0.84;
          const wave = 0.03 * Math.sin((u - 0.35) * 14);
          const flag = u > 0.35 && u <= 0.78 && v >= 0.2 + wave && v <= 0.52 + wave;
          const c = pole || flag ? fg : bg;
          acc = [acc[0] + c[0], acc[1] + c[1], acc[2] + c[2], acc[3] + 255];
        }
      }
      const n = S * S;
      const a = acc[3] / n;
      const i = (y * size + x) * 4;
      const cover = acc[3] / 255 || 1;
      rgba[i] = Math.round(acc[0] / cover);
      rgba[i + 1] = Math.round(acc[1] / cover);
      rgba[i + 2] = Math.round(acc[2] / cover);
      rgba[i + 3] = Math.round(a);
    }
  }
  return encodePng(size, size, rgba);
}
