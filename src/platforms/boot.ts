// The packaged app's entry: no dev server and no settings request; the settings are built in at package time.
import './polyfills'
import start from '../index'

interface PackagedSettings {
  appSettings: Record<string, unknown>
  platformSettings: Record<string, unknown>
  appData: unknown
}

declare const __TENFOOT_SETTINGS__: PackagedSettings

const app = start(__TENFOOT_SETTINGS__.appSettings, __TENFOOT_SETTINGS__.platformSettings as never, __TENFOOT_SETTINGS__.appData) as unknown as {
  stage: { getCanvas(): HTMLCanvasElement }
}
document.body.appendChild(app.stage.getCanvas())
