// The subscription plans: one list, served to the TV (/api/plans) and the sign-up page.
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
