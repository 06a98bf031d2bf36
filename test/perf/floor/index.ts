// The floor: the smallest Lightning app that does what Tenfoot's first screen does (Launch, one component, focus
// shown), built by the same toolchain in the same run. Tenfoot's figures are reported against it. The arrows move the
// box as a focus move does (0.2 s), so the smoothness walk has a baseline too: the least a key press can redraw.
import { Launch, Lightning } from '@lightningjs/sdk'

/** v moved by d, kept within [min, min + span): the box wraps around instead of leaving the screen. */
const wrap = (v: number, d: number, min: number, span: number) => min + ((((v - min + d) % span) + span) % span)

class Hello extends Lightning.Component {
  static override _template() {
    return {
      Box: { x: 760, y: 440, w: 400, h: 200, rect: true, color: 0xff2f5fd0 },
      Label: { x: 960, y: 540, mount: 0.5, text: { text: 'Hello, Tenfoot', fontSize: 48 } },
    }
  }

  private moveBox(dx: number, dy: number) {
    const box = this.tag('Box')
    if (!box) return true
    box.setSmooth('x', wrap(box.getSmooth('x') as number, dx, 560, 800), { duration: 0.2 })
    box.setSmooth('y', wrap(box.getSmooth('y') as number, dy, 240, 600), { duration: 0.2 })
    return true
  }

  override _handleLeft() {
    return this.moveBox(-200, 0)
  }

  override _handleRight() {
    return this.moveBox(200, 0)
  }

  override _handleUp() {
    return this.moveBox(0, -200)
  }

  override _handleDown() {
    return this.moveBox(0, 200)
  }

  override _focus() {
    this.tag('Box')?.patch({ color: 0xffffffff })
    // Same signal as Tenfoot: the first frame with visible focus.
    requestAnimationFrame(() => performance.mark('tenfoot:interactive'))
  }
}

export default function (appSettings: object, platformSettings: object, appData: unknown) {
  return Launch(Hello as never, appSettings as never, platformSettings as never, appData as never)
}
