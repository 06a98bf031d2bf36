// A QR code drawn on the device with the `qrcode` package: dark on white, a 4-module quiet zone, whole pixels per module.
import { Component, StaticCanvasTexture } from '../lightning'
import { theme } from '../theme'
import { cssColor } from './styles'
import { freeTexture } from './texture'

/**
 * The encoder is loaded the first time a code is drawn, not at launch: evaluating it cost about 27 ms of a 4× CPU
 * launch, for a screen the user may never open. The packaged bundle keeps it inside (no extra file to fetch).
 */
let encoder: Promise<typeof import('qrcode')> | undefined
const loadEncoder = () => (encoder ??= import('qrcode'))

export interface QrCodeSpec extends Component.TemplateSpec {
  value: string
  size: number
}

const QUIET_ZONE = 4

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
    const value = this._value
    const size = this._size
    if (!value) return
    void loadEncoder().then((QRCode) => {
      // Drawn only if it is still the code to show, on a screen still shown.
      if (value === this._value && size === this._size && this.attached) this.drawCode(QRCode, value, size)
    })
  }

  private drawCode(QRCode: typeof import('qrcode'), value: string, size: number) {
    // Medium error correction keeps the code small (a low version) so it scans from across the room.
    const { modules } = QRCode.create(value, { errorCorrectionLevel: 'M' })
    const count = modules.size + QUIET_ZONE * 2
    const px = Math.max(1, Math.floor(size / count))
    const side = px * count
    const factory: StaticCanvasTexture.Factory = (cb, stage) => {
      const canvas = stage.platform.getDrawingCanvas()
      canvas.width = side
      canvas.height = side
      const ctx = canvas.getContext('2d')
      if (!ctx) return cb(new Error('No 2D canvas for the QR code'))
      ctx.fillStyle = cssColor(theme.color.qrLight)
      ctx.fillRect(0, 0, side, side)
      ctx.fillStyle = cssColor(theme.color.qrDark)
      for (let r = 0; r < modules.size; r++) {
        for (let c = 0; c < modules.size; c++) {
          if (modules.get(r, c)) ctx.fillRect((c + QUIET_ZONE) * px, (r + QUIET_ZONE) * px, px, px)
        }
      }
      cb(null, canvas)
    }
    // A code's QR is never shown again once the code is replaced or the screen is left.
    freeTexture(this)
    this.patch({
      w: side,
      h: side,
      texture: { type: StaticCanvasTexture, content: { lookupId: `qr:${side}:${value}`, factory } },
    })
  }

  override _detach() {
    freeTexture(this)
  }
}
