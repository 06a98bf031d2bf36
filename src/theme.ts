// The one place for Tenfoot's brand: name, colours, type sizes and spacing. Reskin here.
export const theme = {
  brand: { name: 'Tenfoot', tagline: 'Stories worth the couch', logoText: 'T' },
  color: {
    background: 0xff0b1020,
    surface: 0xff161d33,
    surfaceRaised: 0xff222b49,
    primary: 0xff2f5fd0,
    accent: 0xffffc247,
    text: 0xfff4f6fb,
    textMuted: 0xffb6bfd6,
    focusRing: 0xffffffff,
    danger: 0xffff6b6b,
    scrim: 0xcc05070f,
    qrDark: 0xff000000,
    qrLight: 0xffffffff,
  },
  // The app's own font (static/fonts), loaded before the first screen: a regular and a bold face.
  fontFace: { regular: 'TenfootSans', bold: 'TenfootSansBold' },
  font: { title: 64, heading: 44, body: 32, small: 28 },
  // 1920×1080 design; the 90% title-safe area leaves 96 px left/right and 54 px top/bottom.
  layout: { w: 1920, h: 1080, safeX: 96, safeY: 54, menuCollapsedW: 120, menuExpandedW: 420, gap: 24 },
  focus: { scale: 1.08, ringWidth: 6, radius: 16 },
  // How long the movements a key starts play, in seconds: focus, a rail's or the rails' scroll, the menu opening.
  motion: { focusS: 0.15, scrollS: 0.2, menuS: 0.15 },
  tile: { w: 320, h: 180 },
} as const

export type Theme = typeof theme
