// Before the browser tests: make sure Chromium is there and build the TV app once.
import { execFileSync } from 'node:child_process'
import { ensureChromium } from './chromium'

export default function setup() {
  ensureChromium()
  if (process.env.TENFOOT_SKIP_BUILD !== '1') {
    execFileSync('npx', ['lng', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] })
  }
}
