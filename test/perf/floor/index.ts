// The floor: the smallest Lightning app that does what Tenfoot's first screen does (Launch, one component, focus
// shown), built by the same toolchain in the same run. Tenfoot's figures are reported against it.
import { Launch, Lightning } from '@lightningjs/sdk'

class Hello extends Lightning.Component {
  static override _template() {
    return {
      Box: { x: 760, y: 440, w: 400, h: 200, rect: true, color: 0xff2f5fd0 },
      Label: { x: 960, y: 540, mount: 0.5, text: { text: 'Hello, Tenfoot', fontSize: 48 } },
    }
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
