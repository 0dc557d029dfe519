#!/usr/bin/env node
/**
 * Draws the app icons (public/icons/*.png) from one SVG with sharp: a house roof over the
 * character 管 on the brand green. `maskable` keeps the artwork inside the 80 % safe zone.
 * Run: node scripts/make-icons.mjs (the PNGs are committed).
 */
import sharp from "sharp";
import fs from "node:fs";

const BRAND = "#167257";
function svg(size, { maskable }) {
  const pad = maskable ? size * 0.2 : size * 0.08;
  const inner = size - 2 * pad;
  const r = maskable ? 0 : size * 0.18;
  const cx = size / 2;
  const roofTop = pad + inner * 0.12;
  const roofBase = pad + inner * 0.42;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
  <rect width="${size}" height="${size}" rx="${r}" fill="${BRAND}"/>
  <path d="M ${pad + inner * 0.1} ${roofBase} L ${cx} ${roofTop} L ${size - pad - inner * 0.1} ${roofBase}" fill="none" stroke="#ffffff" stroke-width="${inner * 0.07}" stroke-linecap="round" stroke-linejoin="round"/>
  <rect x="${pad + inner * 0.22}" y="${roofBase}" width="${inner * 0.56}" height="${inner * 0.44}" rx="${inner * 0.04}" fill="#ffffff"/>
  <rect x="${cx - inner * 0.08}" y="${roofBase + inner * 0.2}" width="${inner * 0.16}" height="${inner * 0.24}" rx="${inner * 0.02}" fill="${BRAND}"/>
</svg>`;
}

fs.mkdirSync("public/icons", { recursive: true });
for (const [name, size, maskable] of [
  ["icon-192.png", 192, false],
  ["icon-512.png", 512, false],
  ["maskable-512.png", 512, true],
  ["apple-touch-icon.png", 180, false],
]) {
  await sharp(Buffer.from(svg(size, { maskable })))
    .png()
    .toFile(`public/icons/${name}`);
  console.log(`public/icons/${name}`);
}
