// Before the browser tests: make sure Chromium and the packaging tools are there, and build the TV app once.
import { execFileSync } from 'node:child_process'
import { ensureChromium, ensureDebianTools } from './chromium'

export default function setup() {
  ensureChromium()
  // The package tests unpack the .ipk (ar, tar) and .wgt (unzip), verify signatures (xmlsec1) and make certificates (openssl).
  ensureDebianTools({ xmlsec1: 'xmlsec1', unzip: 'unzip', ar: 'binutils', openssl: 'openssl' })
  if (process.env.TENFOOT_SKIP_BUILD !== '1') {
    execFileSync('npx', ['lng', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] })
  }
}
