// The catalogue the rails draw from: static/catalogue.json, bundled so the TV makes no request to show Home.
import data from '../../static/catalogue.json'
import type { RailData } from '../components/Rail'
import type { Section } from '../flow/types'

interface Catalogue {
  hero: { title: string; description: string; color: string; meta: string }
  sections: Record<Exclude<Section, 'getHelp'>, RailData[]>
}

export const catalogue: Catalogue = data
