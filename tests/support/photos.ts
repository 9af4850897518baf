import sharp from 'sharp';

/**
 * A JPEG that looks like an activity photo (sky, ground, a banner, people), so screenshots of the
 * gallery look like the real thing and thumbnails are made from real camera-sized pixels.
 */
export async function activityPhoto(seed: number, taken?: string, width = 1600, height = 1200): Promise<Buffer> {
  let state = seed + 7;
  const rand = (): number => (state = (state * 16807) % 2147483647) / 2147483647;
  const hue = (seed * 97) % 360;
  const people = Array.from({ length: 14 }, (_, i) => {
    const x = ((i + 0.5) / 14) * width + (rand() - 0.5) * 40;
    const y = height * (0.68 + rand() * 0.08);
    const shirt = `hsl(${Math.round(rand() * 360)},60%,45%)`;
    return `<circle cx="${x}" cy="${y - 120}" r="34" fill="#f1c7a5"/><rect x="${x - 45}" y="${y - 85}" width="90" height="190" rx="30" fill="${shirt}"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue},55%,78%)"/><stop offset="1" stop-color="hsl(${hue + 30},40%,92%)"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#sky)"/>
    <rect y="${height * 0.62}" width="100%" height="${height * 0.38}" fill="hsl(${hue + 90},25%,55%)"/>
    <rect x="${width * 0.15}" y="${height * 0.16}" width="${width * 0.7}" height="${height * 0.16}" rx="12" fill="#c8102e"/>
    <rect x="${width * 0.2}" y="${height * 0.21}" width="${width * 0.6}" height="${height * 0.06}" rx="6" fill="#ffd54f"/>
    ${people}
  </svg>`;
  const jpeg = sharp(Buffer.from(svg)).jpeg({ quality: 85 });
  // `taken` as EXIF DateTimeOriginal ("2022:06:18 10:21:00"), as a phone camera writes it.
  return (taken ? jpeg.withExif({ IFD0: { Make: 'HUAWEI' }, IFD2: { DateTimeOriginal: taken } }) : jpeg).toBuffer();
}
