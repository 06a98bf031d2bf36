// A QR code drawn on the device with the `qrcode` package: dark on white, a 4-module quiet zone, whole pixels per module.
import { Component, StaticCanvasTexture } from '../lightning'
import QRCode from 'qrcode'
import { theme } from '../theme'

export interface QrCodeSpec extends Component.TemplateSpec {
  value: string
  size: number
}

const QUIET_ZONE = 4

function css(argb: number): string {
  return `#${(argb & 0xffffff).toString(16).padStart(6, '0')}`
}

export class QrCode extends Component<QrCodeSpec> implements Component.ImplementTemplateSpec<QrCodeSpec> {
  private _value = ''
  private _size = 420

  get value() {
    return this._value
  }

  set value(value: string) {
    this._value = value
    this.draw()
  }

  get size() {
    return this._size
  }

  set size(size: number) {
    this._size = size
    this.draw()
  }

  get announce() {
    return 'QR code'
  }

  private draw() {
    if (!this._value) return
    // Medium error correction keeps the code small (a low version) so it scans from across the room.
    const { modules } = QRCode.create(this._value, { errorCorrectionLevel: 'M' })
    const count = modules.size + QUIET_ZONE * 2
    const px = Math.max(1, Math.floor(this._size / count))
    const side = px * count
    const factory: StaticCanvasTexture.Factory = (cb, stage) => {
      const canvas = stage.platform.getDrawingCanvas()
      canvas.width = side
      canvas.height = side
      const ctx = canvas.getContext('2d')
      if (!ctx) return cb(new Error('No 2D canvas for the QR code'))
      ctx.fillStyle = css(theme.color.qrLight)
      ctx.fillRect(0, 0, side, side)
      ctx.fillStyle = css(theme.color.qrDark)
      for (let r = 0; r < modules.size; r++) {
        for (let c = 0; c < modules.size; c++) {
          if (modules.get(r, c)) ctx.fillRect((c + QUIET_ZONE) * px, (r + QUIET_ZONE) * px, px, px)
        }
      }
      cb(null, canvas)
    }
    this.freeTexture()
    this.patch({
      w: side,
      h: side,
      texture: { type: StaticCanvasTexture, content: { lookupId: `qr:${side}:${this._value}`, factory } },
    })
  }

  override _detach() {
    this.freeTexture()
  }

  /**
   * A code's QR is never shown again once the code is replaced or the screen is left: free it now rather than wait
   * for Lightning's memory-pressure GC (measured: 20 MB of textures after 1,000 visits to Use Phone otherwise).
   */
  private freeTexture() {
    const source = (this.texture as unknown as { source?: object } | null)?.source
    if (!source) return
    this.texture = null
    ;(this.stage.textureManager as unknown as { freeTextureSource(s: object): void }).freeTextureSource(source)
  }
}
