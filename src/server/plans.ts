// The subscription plans: one list, served to the TV (/api/plans) and the sign-up page.
import type { Context } from 'koa'

export interface Plan {
  id: string
  name: string
  monthlyPrice: string
  quality: 'HD' | 'Full HD' | '4K HDR'
  screens: number
  ads: boolean
}

export const plans: Plan[] = [
  { id: 'basic', name: 'Basic', monthlyPrice: '$6.99', quality: 'HD', screens: 1, ads: true },
  { id: 'standard', name: 'Standard', monthlyPrice: '$15.49', quality: 'Full HD', screens: 2, ads: false },
  { id: 'premium', name: 'Premium', monthlyPrice: '$22.99', quality: '4K HDR', screens: 4, ads: false },
]

export const findPlan = (id: unknown) => plans.find((p) => p.id === id)

/** The signed cookie that keeps a plan chosen on the TV for the sign-in it started (set and cleared by the web pages). */
export const PLAN_COOKIE = 'tf_plan'

/** The plan chosen on the TV for this phone's sign-in, if any. */
export const planChosenOnTv = (cookies: Pick<Context['cookies'], 'get'>) => findPlan(cookies.get(PLAN_COOKIE, { signed: true }))
