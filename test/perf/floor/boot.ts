// The floor app's boot: the same polyfills and start-up as Tenfoot's packaged boot.
import '../../../src/platforms/polyfills'
import start from './index'

declare const __TENFOOT_SETTINGS__: { appSettings: object; platformSettings: object; appData: unknown }

const app = start(__TENFOOT_SETTINGS__.appSettings, __TENFOOT_SETTINGS__.platformSettings, __TENFOOT_SETTINGS__.appData) as unknown as {
  stage: { getCanvas(): HTMLCanvasElement }
}
document.body.appendChild(app.stage.getCanvas())
;(window as unknown as { __tenfootStage: unknown }).__tenfootStage = app.stage
