// Lightning core, imported by file rather than by package name. @lightningjs/cli's dev build (`lng build`) swaps the
// package name for window.lng, the whole library loaded as a separate script, which has no named exports. Through this
// file both that build and the packaged one bundle core's own ES modules, and the bundler leaves out the parts Tenfoot
// never uses (the blur, bloom and list components, twenty shaders, noise and HTML textures, …: 76 KB of 330).
export { Application, Component, StaticCanvasTexture, WebPlatform } from '../node_modules/@lightningjs/core/dist/src/index.js'
export type { Element, TextTexture } from '../node_modules/@lightningjs/core/dist/src/index.js'
