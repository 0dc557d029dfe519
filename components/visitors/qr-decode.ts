import jsQR from "jsqr";

/** The text of the QR code in a canvas-drawable image, or null (in the browser; jsQR is pure JS). */
export function decodeQr(source: CanvasImageSource, width: number, height: number, canvas: HTMLCanvasElement) {
  if (!width || !height) return null;
  // Large photos are scaled down: decoding stays quick and a phone photo's QR code stays readable.
  const scale = Math.min(1, 1024 / Math.max(width, height));
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  if (!ctx) return null;
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
  const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(image.data, image.width, image.height, { inversionAttempts: "attemptBoth" })?.data ?? null;
}

/** Decodes the QR code of an image file (the photo fallback when the camera cannot be used). */
export async function decodeQrFile(file: File, canvas: HTMLCanvasElement): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  try {
    return decodeQr(bitmap, bitmap.width, bitmap.height, canvas);
  } finally {
    bitmap.close();
  }
}
