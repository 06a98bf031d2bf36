// Textures that will never be shown again, freed at once instead of at Lightning's memory-pressure GC.
import type { Element } from '../lightning'

/**
 * Frees what `el` shows and takes it off the element. For what is drawn once and never again: a pairing code, its QR,
 * a countdown's last second. Shared textures (panels, captions, a screen's fixed texts) are left to Lightning, which
 * reuses them on the next visit. Measured: 1,000 visits to Use Phone left 20 MB of QR textures and 3.3 → 5.5 Mpx of
 * code texts behind otherwise (README "Performance").
 */
export function freeTexture(el: Element | undefined): void {
  const source = (el?.texture as unknown as { source?: { isUsed(): boolean } } | null | undefined)?.source
  if (!el || !source) return
  el.texture = null
  // Still shown by another element with the same content (Lightning shares textures by content): that one keeps it.
  if (source.isUsed()) return
  ;(el.stage.textureManager as unknown as { freeTextureSource(s: object): void }).freeTextureSource(source)
}
