// Reads the QR code a TV screenshot shows, as a phone camera would.
import jsQR from 'jsqr'
import type { PNG } from 'pngjs'

export function decodeQr(png: PNG): string | null {
  const data = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length)
  return jsQR(data, png.width, png.height)?.data ?? null
}
