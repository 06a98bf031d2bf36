// The few SDK services Tenfoot uses, on Lightning core alone: launch with fonts, storage and asset paths.
// The SDK's Launch brings the whole SDK (router, media player, ads, metrics, …: about 20 KB gzip) for these three;
// see README "Performance".
import Lightning from '@lightningjs/core'

let basePath = './static/'

/** A file under static/, wherever the app was loaded from (a dev server, or a packaged app's own folder). */
export function asset(path: string): string {
  return basePath + path
}

/** JSON in localStorage under plain keys (`tenfoot.session`), as the SDK's Storage keeps them without a namespace. */
export const storage = {
  get<T>(key: string): T | null {
    try {
      return JSON.parse(window.localStorage.getItem(key) ?? 'null') as T | null
    } catch {
      return null
    }
  },
  set(key: string, value: unknown): boolean {
    try {
      window.localStorage.setItem(key, JSON.stringify(value))
      return true
    } catch {
      return false
    }
  },
  remove(key: string): void {
    try {
      window.localStorage.removeItem(key)
    } catch {
      // Storage disabled: nothing was kept, so nothing to remove.
    }
  },
}

export interface FontSpec {
  family: string
  url: string
}

interface AppClass {
  new (...args: never[]): Lightning.Component
  getFonts?(): FontSpec[]
}

export interface LaunchOptions {
  keys: Record<number, string>
  /** `resolution`: the height drawn, 720 (default) or 1080; the canvas is scaled to the window either way. */
  stage?: { clearColor?: string | number; resolution?: number; [key: string]: unknown }
  path?: string
}

/** Fonts first (text measured before its font arrives would be laid out wrong), then the app at 1920×1080 design size. */
export function launch(App: AppClass, options: LaunchOptions): Lightning.Application {
  if (options.path) basePath = options.path.replace(/\/?$/, '/')
  // Designed at 1080p, drawn at 720p and scaled up by the display, as Lightning apps do on TV-class chips: 2.25× fewer
  // pixels to fill on every frame (README "Performance"). `resolution: 1080` draws every pixel, for stronger devices.
  const { resolution, clearColor: clear, ...stageSettings } = options.stage ?? {}
  const small = resolution !== 1080 || (window.innerHeight > 0 && window.innerHeight <= 720)
  const stage = {
    ...stageSettings,
    w: small ? 1280 : 1920,
    h: small ? 720 : 1080,
    precision: small ? 2 / 3 : 1,
    clearColor: typeof clear === 'string' ? Number(clear) : (clear ?? 0x00000000),
    canvas2d: false,
  }
  // Fonts start loading now, while WebGL starts up, rather than after it.
  const fontsLoaded = Promise.all(
    (App.getFonts?.() ?? []).map((f) => {
      const face = new FontFace(f.family, `url(${f.url})`)
      ;(document.fonts as unknown as { add(f: FontFace): void }).add(face)
      // A font that fails to load must not keep the app from starting: it falls back to the engine's own.
      return face.load().catch((e: unknown) => console.warn('[tenfoot] font failed to load', e))
    }),
  )

  class Root extends Lightning.Application {
    static override _template() {
      return { w: 1920, h: 1080 }
    }

    override _setup() {
      void fontsLoaded.then(() => {
        this.childList.a(this.stage.c({ ref: 'App', type: App } as never))
        this._refocus()
      })
    }

    override _getFocused() {
      return this.tag('App' as never) as Lightning.Component | undefined
    }
  }

  const app = new Root({ stage, keys: options.keys, debug: false } as never)
  readableTextCanvases(app.stage as unknown as { platform: { getDrawingCanvas(): HTMLCanvasElement } })
  fitToWindow(app.stage.getCanvas(), stage.w, stage.h)
  return app
}

/** The canvas fills the window at 16:9 whatever size it is drawn at, and follows the window when it is resized. */
function fitToWindow(canvas: HTMLCanvasElement, w: number, h: number) {
  const fit = () => {
    const scale = Math.min(window.innerWidth / w, window.innerHeight / h) || 1
    canvas.style.width = `${Math.round(w * scale)}px`
    canvas.style.height = `${Math.round(h * scale)}px`
  }
  fit()
  window.addEventListener('resize', fit)
}

/**
 * Lightning draws every text texture on a 2D canvas and copies it to WebGL through getImageData (its workaround for
 * Tizen's canvas uploads). On a GPU-backed canvas each getImageData is a synchronous GPU readback: a 1× CPU profile of
 * the signed-in launch spent 470 ms there. Asking for the context with willReadFrequently keeps these canvases in CPU
 * memory, so the copy is a plain memory read (35 ms). Engines that predate the option ignore it.
 */
function readableTextCanvases(stage: { platform: { getDrawingCanvas(): HTMLCanvasElement } }) {
  stage.platform.getDrawingCanvas = () => {
    const canvas = document.createElement('canvas')
    canvas.getContext('2d', { willReadFrequently: true })
    return canvas
  }
}
