// Minimal PNG encoder and decoder, downscaling, and the redflag icon (a flag on a rounded
// square), so the build needs no image tools. The decoder and the downscaling are for an NGO's
// own icon (scripts/ngo-build.mjs).
import { deflateSync, inflateSync } from 'node:zlib';

const fail = (msg) => { throw new Error(msg); };

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

// Decodes a non-interlaced PNG (8 or 16 bits; grey, RGB, palette, grey+alpha, RGBA) to
// { w, h, rgba }. Throws an Error saying what is wrong with the file (the caller names it).
export function decodePng(buf) {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (buf.length < 8 || sig.some((b, i) => buf[i] !== b)) fail(`not a PNG file`);
  let pos = 8;
  let hdr = null;
  let palette = null;
  let trns = null;
  const idat = [];
  while (pos + 8 <= buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('ascii', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    pos += 12 + len;
    if (type === 'IHDR') {
      hdr = { w: data.readUInt32BE(0), h: data.readUInt32BE(4), depth: data[8], type: data[9], interlace: data[12] };
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') trns = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
  }
  if (!hdr) fail(`PNG without a header`);
  const { w, h, depth, type, interlace } = hdr;
  if (interlace) fail(`interlaced PNG; save it without interlacing`);
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[type];
  if (!channels || !(depth === 8 || (depth === 16 && type !== 3))) {
    fail(`PNG colour type ${type} at ${depth} bits is not supported; save it as 8-bit RGBA`);
  }
  const bpp = (channels * depth) / 8;
  const stride = w * bpp;
  let raw;
  try {
    raw = inflateSync(Buffer.concat(idat));
  } catch (e) {
    fail(`damaged PNG data (${e.message})`);
  }
  if (raw.length < (stride + 1) * h) fail(`truncated PNG data`);
  const px = Buffer.alloc(stride * h);
  for (let y = 0; y < h; y++) {
    const f = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= bpp ? px[y * stride + x - bpp] : 0;
      const b = y > 0 ? px[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? px[(y - 1) * stride + x - bpp] : 0;
      let p;
      if (f === 0) p = 0;
      else if (f === 1) p = a;
      else if (f === 2) p = b;
      else if (f === 3) p = (a + b) >> 1;
      else if (f === 4) {
        const pa = Math.abs(b - c); const pb = Math.abs(a - c); const pc = Math.abs(a + b - 2 * c);
        p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else fail(`damaged PNG (filter ${f})`);
      px[y * stride + x] = (v + p) & 0xff;
    }
  }
  const rgba = Buffer.alloc(w * h * 4);
  const sample = (i, ch) => (depth === 16 ? px[i * bpp + ch * 2] : px[i * bpp + ch]);
  for (let i = 0; i < w * h; i++) {
    let r; let g; let b; let a = 255;
    if (type === 0) { r = g = b = sample(i, 0); if (trns && trns.length >= 2 && depth === 8 && r === trns[1]) a = 0; }
    else if (type === 2) { r = sample(i, 0); g = sample(i, 1); b = sample(i, 2); }
    else if (type === 3) {
      const k = px[i];
      if (!palette || k * 3 + 2 >= palette.length) fail(`damaged PNG palette`);
      r = palette[k * 3]; g = palette[k * 3 + 1]; b = palette[k * 3 + 2];
      if (trns && k < trns.length) a = trns[k];
    } else if (type === 4) { r = g = b = sample(i, 0); a = sample(i, 1); }
    else { r = sample(i, 0); g = sample(i, 1); b = sample(i, 2); a = sample(i, 3); }
    rgba[i * 4] = r; rgba[i * 4 + 1] = g; rgba[i * 4 + 2] = b; rgba[i * 4 + 3] = a;
  }
  return { w, h, rgba };
}

// A square image (from decodePng) scaled down to size×size RGBA: area-average downscaling
// with premultiplied alpha (no halos on transparent edges).
export function resize({ w, rgba }, size) {
  const out = Buffer.alloc(size * size * 4);
  const scale = w / size;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      let weight = 0;
      const x0 = x * scale; const x1 = (x + 1) * scale;
      const y0 = y * scale; const y1 = (y + 1) * scale;
      for (let sy = Math.floor(y0); sy < Math.ceil(y1); sy++) {
        const wy = Math.min(sy + 1, y1) - Math.max(sy, y0);
        for (let sx = Math.floor(x0); sx < Math.ceil(x1); sx++) {
          const wx = Math.min(sx + 1, x1) - Math.max(sx, x0);
          const k = (sy * w + sx) * 4;
          const a = rgba[k + 3] / 255;
          const wt = wx * wy;
          acc[0] += rgba[k] * a * wt; acc[1] += rgba[k + 1] * a * wt; acc[2] += rgba[k + 2] * a * wt;
          acc[3] += a * wt;
          weight += wt;
        }
      }
      const o = (y * size + x) * 4;
      const alpha = acc[3] / weight;
      for (let ch = 0; ch < 3; ch++) out[o + ch] = alpha > 0 ? Math.round(acc[ch] / acc[3]) : 0;
      out[o + 3] = Math.round(alpha * 255);
    }
  }
  return out;
}
