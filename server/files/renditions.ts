import { promises as fs } from 'node:fs';
import sharp from 'sharp';

/** The large rendition fits in 720×720, the thumbnail in 198×198; neither is ever enlarged. */
export const LARGE_MAX_PX = 720;
export const THUMBNAIL_MAX_PX = 198;

export interface ImageFacts {
  width: number;
  height: number;
}

/** Real dimensions, read from the bytes; null when they are not an image sharp can decode. */
export async function readImage(path: string): Promise<ImageFacts | null> {
  try {
    const meta = await sharp(path).metadata();
    if (!meta.width || !meta.height) return null;
    const rotated = (meta.orientation ?? 1) >= 5;
    return rotated ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };
  } catch {
    return null;
  }
}

/** Writes a rendition of `source` no larger than `maxPx` on either side; same format where sharp can write it, else PNG. */
export async function makeRendition(
  source: string,
  target: string,
  maxPx: number,
): Promise<ImageFacts & { size: number }> {
  const image = sharp(source, { animated: false })
    .rotate()
    .resize(maxPx, maxPx, { fit: 'inside', withoutEnlargement: true });
  const { format } = await sharp(source).metadata();
  const out =
    format === 'jpeg' ? image.jpeg({ quality: 80 }) : format === 'webp' ? image.webp({ quality: 80 }) : image.png();
  const info = await out.toFile(target);
  const { size } = await fs.stat(target);
  return { width: info.width, height: info.height, size };
}
