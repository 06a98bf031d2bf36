// Launch: detect the platform, give Lightning its key map, describe the device, and start App.
import { App } from './App'
import { setVoiceGuidance } from './announcer'
import { detectPlatform } from './platforms'
import { launch } from './sdk'
import { theme } from './theme'

/** Bytes one quad takes in Lightning's quad buffer (WebGLCoreQuadList: four corners of x, y, u, v and colour). */
const QUAD_BYTES = 80

/** The account service: from settings, else the same host as the app on port 3000 (how `npm start` runs them). */
function serviceUrl(configured: unknown): string {
  if (typeof configured === 'string' && configured) return configured.replace(/\/$/, '')
  const host = window.location.hostname || 'localhost'
  return `${window.location.protocol === 'https:' ? 'https' : 'http'}://${host}:3000`
}

interface AppSettings {
  platform?: string
  voiceGuidance?: boolean
  version?: string
  [key: string]: unknown
}

export default function (appSettings: AppSettings, platformSettings: { path?: string } = {}, _appData?: unknown) {
  const params = new URLSearchParams(window.location.search)
  const platform = detectPlatform(params.get('platform') ?? appSettings.platform, { ua: navigator.userAgent, globals: window })
  platform.registerKeys()
  setVoiceGuidance(params.get('voice') === 'on' || appSettings.voiceGuidance === true)
  const description = platform.describe()
  App.runtime = {
    platform,
    device: {
      platform: platform.id,
      platformLabel: platform.label,
      model: description.model,
      name: typeof appSettings.deviceName === 'string' && appSettings.deviceName ? appSettings.deviceName : description.name,
      appVersion: appSettings.version ?? '0.0.0',
    },
    serviceUrl: serviceUrl(params.get('service') ?? appSettings.accountServiceUrl),
  }
  // The background is the GL clear colour, not a full-screen rectangle drawn again on every frame.
  // Text and shape canvases go to WebGL as they are, not through getImageData, a copy of every pixel and a conversion
  // each way (Home's first frame at 4× CPU: 1,772 → 1,655 ms, README "Performance"). Tizen keeps the readback: it is
  // Lightning's workaround for that engine's canvas uploads.
  // The quad buffer holds what one frame draws. Lightning's default is 25,000 quads (2 MB, and an index buffer of 300 KB
  // made and sent to the GPU at start: 28–77 ms of GL calls in a 4× CPU launch, README "Performance"); the busiest
  // screen here, Use Remote's keyboard, draws about 100, and the keyboard and monkey tests check that every screen they
  // reach stays under a quarter of this.
  const stage = {
    clearColor: theme.color.background,
    forceTxCanvasSource: platform.id !== 'tizen',
    bufferMemory: QUAD_BYTES * 2_000,
    ...(appSettings.stage as { clearColor?: string } | undefined),
  }
  const app = launch(App, { keys: platform.keys, stage, path: platformSettings.path })
  // For diagnostics, the tests and the benchmark (texture memory); nothing in the app reads it.
  ;(window as unknown as { __tenfootStage: unknown }).__tenfootStage = app.stage
  return app
}
