// Screen geometry shared by every screen: content starts right of the collapsed menu, inside the title-safe area.
import { theme } from '../theme'

export const contentX = theme.layout.menuCollapsedW + theme.layout.safeX
export const contentTop = theme.layout.safeY + 40
