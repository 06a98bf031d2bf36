// The few SDK services Tenfoot uses, on Lightning core alone: launch with fonts, storage and asset paths.
// The SDK's Launch brings the whole SDK (router, media player, ads, metrics, …: about 20 KB gzip) for these three;
// see README "Performance". Core itself comes through ./lightning, by name, so unused parts are left out.
import { whenIdle } from './components/idle'
import { Application, type Component, WebPlatform } from './lightning'

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
  new (...args: never[]): Component
  getFonts?(): FontSpec[]
}

export interface LaunchOptions {
  keys: Record<number, string>
  /** `resolution`: the height drawn, 720 (default) or 1080; the canvas is scaled to the window either way. */
  stage?: { clearColor?: string | number; resolution?: number; [key: string]: unknown }
  path?: string
}

/**
 * Fonts first, then the app at 1920×1080 design size. Measured: creating the app with the stage and letting Lightning
 * wait for the fonts text by text was slower (Welcome at 4× CPU 854 against 715 ms), as the app's set-up then delays
 * the fonts and their texts need a frame of their own.
 */
export function launch(App: AppClass, options: LaunchOptions): Application {
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
    platform: TenfootPlatform,
  }
  // Fonts start loading now, while WebGL starts up (the packaged index.html has already asked for the files).
  const fontsLoaded = Promise.all(
    (App.getFonts?.() ?? []).map((f) => {
      const face = new FontFace(f.family, `url(${f.url})`)
      ;(document.fonts as unknown as { add(f: FontFace): void }).add(face)
      // A font that fails to load must not keep the app from starting: it falls back to the engine's own.
      return face.load().catch((e: unknown) => console.warn('[tenfoot] font failed to load', e))
    }),
  )

  class Root extends Application {
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
      return this.tag('App' as never) as Component | undefined
    }
  }

  const app = new Root({ stage, keys: options.keys, debug: false } as never)
  compileDefaultShader(app.stage)
  fitToWindow(app.stage.getCanvas(), stage.w, stage.h)
  return app
}

/** Lightning's compiled shader program (core's WebGLShaderProgram), the parts read and set here. */
interface ShaderProgram {
  vertexShaderSource: string
  fragmentShaderSource: string
  gl: WebGLRenderingContext | null
  _program: WebGLProgram | null
  _uniformLocations: Map<string, unknown>
  _attributeLocations: Map<string, unknown>
  _currentUniformValues: Record<string, unknown>
  compile(gl: WebGLRenderingContext): void
}

/** Core's WebGLShader: `initialized` once a frame has drawn with it, `_program` the program it draws with. */
interface StageShader {
  initialized: boolean
  _program?: ShaderProgram
}

/** The stage as far as compileDefaultShader reads it. */
interface ShaderStage {
  gl: WebGLRenderingContext | null
  ctx?: { renderState?: { defaultShader?: StageShader } }
  on(event: 'frameEnd', listener: () => void): void
  off(event: 'frameEnd', listener: () => void): void
}

/**
 * The default shader, which draws every quad Tenfoot shows, is compiled and linked as the stage starts, and whether it
 * linked is read in idle time after the first frame drawn with it. Lightning compiles it at the first frame's first draw
 * and reads the status of each shader and of the link there: three round trips to the GPU process, each waiting for the
 * frame's texture uploads queued before it and for the compile itself. At 6× CPU here they took a median of 11 ms of a
 * launch, and up to 352 ms while the GPU process was busy; the first draw now waits a median of 6 ms, for the link
 * (README "Performance"). Issued now, the GPU compiles while the app sets up. Only the link's status is read, as WebGL's
 * best practices advise: a shader that fails to compile fails the link.
 */
export function compileDefaultShader(stage: Application['stage']) {
  const lightning = stage as unknown as ShaderStage
  const { gl, ctx } = lightning
  const shader = ctx?.renderState?.defaultShader
  const program = shader?._program
  if (!gl || !shader || !program || program._program) return
  const vertex = gl.createShader(gl.VERTEX_SHADER)
  const fragment = gl.createShader(gl.FRAGMENT_SHADER)
  const linked = gl.createProgram()
  // A lost context: Lightning's own compile runs at the first draw and reports it.
  if (!vertex || !fragment || !linked) return
  gl.shaderSource(vertex, program.vertexShaderSource)
  gl.compileShader(vertex)
  gl.shaderSource(fragment, program.fragmentShaderSource)
  gl.compileShader(fragment)
  gl.attachShader(linked, vertex)
  gl.attachShader(linked, fragment)
  gl.linkProgram(linked)
  // Lightning's compile sees a program and returns: it neither compiles again nor waits.
  program.gl = gl
  program._program = linked
  const check = () => {
    const ok = gl.getProgramParameter(linked, gl.LINK_STATUS) || gl.isContextLost()
    gl.deleteShader(vertex)
    gl.deleteShader(fragment)
    if (ok) return
    // Nothing can be drawn with it. Lightning compiles it again, draws with it if it works this time, and logs why not
    // (its message, the program's log and the shader sources) if it does not.
    console.error('[tenfoot] the default shader did not link; Lightning compiles it again')
    gl.deleteProgram(linked)
    program._program = null
    program._uniformLocations.clear()
    program._attributeLocations.clear()
    program._currentUniformValues = {}
    program.compile(gl)
  }
  // Read after the first frame that drew with it, never before it (an engine without idle callbacks runs it at once).
  const afterFirstDraw = () => {
    if (!shader.initialized) return
    lightning.off('frameEnd', afterFirstDraw)
    whenIdle(check)
  }
  lightning.on('frameEnd', afterFirstDraw)
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

/** Arrow keys and Enter: keys a page scrolls or acts on by itself. */
const PAGE_KEYS = new Set([37, 38, 39, 40, 13])

/** Lightning's web platform with its key listeners, which it has but its types leave out. */
interface KeyListening {
  registerKeydownHandler(handler: (e: KeyboardEvent) => void): void
  registerKeyupHandler(handler: (e: KeyboardEvent) => void): void
}
const KeyedWebPlatform = WebPlatform as unknown as new () => WebPlatform & KeyListening

/** Drawing canvases kept for reuse; one is enough while texts load one after another, as they do here. */
const SPARE_CANVASES = 2

/**
 * Lightning's web platform with three changes, each measured on a launch, one that saves GPU memory (README
 * "Performance"), and its key listening (see the two methods below):
 * - Text canvases ask for willReadFrequently. On Tizen Lightning copies every text texture to WebGL through getImageData
 *   (its workaround for that engine's canvas uploads; elsewhere index.ts has the canvas uploaded as it is). On a
 *   GPU-backed canvas each getImageData is a synchronous GPU readback: a 1× CPU profile spent 470 ms there, and 35 ms
 *   with the option. With direct uploads it makes no difference here: GPU-backed canvases upload in a fraction of the
 *   time, but the frame's first draw then waits for the GPU process to draw their text (Home's first frame at 6× CPU:
 *   410 ms without the option, 419 ms with it, medians of 40 launches each, README "Performance"). Older engines
 *   ignore it.
 * - The WebGL context says the four compressed-texture extensions (ASTC, ETC1, S3TC, PVRTC) are unsupported. Lightning
 *   enables them at start for .ktx/.pvr images Tenfoot never loads; each is a synchronous round trip to the GPU
 *   process, together about 90 ms of a 4× CPU launch here. The attributes are Lightning's own, except that the context
 *   has no depth or stencil buffer: Lightning uses neither (it clips with the scissor), and on a TV that is 4 bytes of
 *   GPU memory per pixel kept for nothing (3.7 MB at 720p, 8.3 MB at 1080p). No change in speed was measured here.
 * - A text's drawing canvas is used again for the next text once its pixels are uploaded, instead of a new canvas and
 *   2D context for every text (Lightning keeps none after the upload): 17 → 3 ms of a 4× CPU Welcome launch.
 */
class TenfootPlatform extends KeyedWebPlatform {
  /**
   * The arrows and OK are the app's alone: the page must not scroll, or move a focus of its own, on them (a TV engine
   * with spatial navigation would). It also takes the page's own handling of the key, which laid the page out again for
   * the announcer's new text, out of the press's task: that layout now happens once, in the next frame.
   */
  override registerKeydownHandler(handler: (e: KeyboardEvent) => void) {
    super.registerKeydownHandler((e: KeyboardEvent) => {
      if (PAGE_KEYS.has(e.keyCode)) e.preventDefault()
      handler(e)
    })
  }

  /**
   * No key release is listened for. Nothing in Tenfoot handles one (no `_handle…Release`, no long press), and Lightning
   * asked every component on the focus path for a handler on every release: at 6× CPU, 3–4 ms of the main thread per
   * press (timelines of the bench's walk: 400–530 ms of key-up handling over 120 presses, 30–100 ms without).
   */
  override registerKeyupHandler() {}

  private readonly drawingCanvases = new WeakSet<HTMLCanvasElement>()
  private readonly spareCanvases: HTMLCanvasElement[] = []

  override getDrawingCanvas(): HTMLCanvasElement {
    const spare = this.spareCanvases.pop()
    if (spare) return spare
    const canvas = document.createElement('canvas')
    canvas.getContext('2d', { willReadFrequently: true })
    this.drawingCanvases.add(canvas)
    return canvas
  }

  override uploadGlTexture(...args: Parameters<WebPlatform['uploadGlTexture']>): void {
    super.uploadGlTexture(...args)
    const source = args[2] as unknown
    if (source instanceof HTMLCanvasElement && this.drawingCanvases.has(source) && this.spareCanvases.length < SPARE_CANVASES) {
      this.spareCanvases.push(source)
    }
  }

  createWebGLContext(w: number, h: number): WebGLRenderingContext {
    const canvas = document.createElement('canvas')
    canvas.width = w
    canvas.height = h
    const attributes = { alpha: true, antialias: false, premultipliedAlpha: true, depth: false, stencil: false, preserveDrawingBuffer: false }
    const gl = (canvas.getContext('webgl', attributes) ?? canvas.getContext('experimental-webgl', attributes)) as WebGLRenderingContext | null
    if (!gl) throw new Error('This browser does not support webGL.')
    const getExtension = gl.getExtension.bind(gl)
    gl.getExtension = ((name: string) => (name.startsWith('WEBGL_compressed_texture_') ? null : getExtension(name))) as typeof gl.getExtension
    return gl
  }
}
