// Plays the phone over real HTTP without a browser: a cookie jar, form fields read from the page, redirects followed.
export interface Page {
  status: number
  url: string
  html: string
  headers: Headers
  /** Reached through a redirect: after a form, a page a reload fetches again with GET instead of sending the form again. */
  redirected: boolean
}

export class Phone {
  private jar = new Map<string, string>()

  constructor(
    readonly base: string,
    readonly userAgent = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile Safari/604.1',
  ) {}

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const [name, ...rest] = (pair ?? '').split('=')
      if (name) this.jar.set(name.trim(), rest.join('='))
    }
  }

  private headers(extra: Record<string, string> = {}) {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ')
    return { 'user-agent': this.userAgent, accept: 'text/html', ...(cookie ? { cookie } : {}), ...extra }
  }

  async request(path: string, init: { method?: string; body?: string; type?: string } = {}): Promise<Page> {
    let url = new URL(path, this.base).toString()
    let method = init.method ?? 'GET'
    let body = init.body
    for (let hops = 0; hops < 10; hops++) {
      const res = await fetch(url, { method, body, redirect: 'manual', headers: this.headers(body ? { 'content-type': init.type ?? 'application/x-www-form-urlencoded' } : {}) })
      this.remember(res)
      const location = res.headers.get('location')
      if (res.status >= 300 && res.status < 400 && location) {
        url = new URL(location, url).toString()
        method = 'GET'
        body = undefined
        continue
      }
      return { status: res.status, url, html: await res.text(), headers: res.headers, redirected: hops > 0 }
    }
    throw new Error('Too many redirects')
  }

  get(path: string) {
    return this.request(path)
  }

  /** Submit the page's form (the n-th, or the one whose action matches), with its hidden fields plus these. */
  submit(page: Page, fields: Record<string, string>, which: number | RegExp = 0): Promise<Page> {
    const forms = [...page.html.matchAll(/<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)]
    const form = typeof which === 'number' ? forms[which] : forms.find((f) => which.test(f[1] ?? ''))
    if (!form) throw new Error(`No such form on ${page.url}`)
    // Every input that carries a value (hidden fields, a prefilled code), as a browser would send it; radios only when checked.
    const inputs = [...(form[2] ?? '').matchAll(/<input\b([^>]*)>/g)].map((m) => m[1] ?? '')
    const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1]
    const hidden = Object.fromEntries(
      inputs
        .filter((tag) => attr(tag, 'name') && attr(tag, 'value') !== undefined && (!/type="radio"/.test(tag) || /\bchecked\b/.test(tag)))
        .map((tag) => [attr(tag, 'name') ?? '', decode(attr(tag, 'value') ?? '')]),
    )
    const action = decode(form[1] ?? '')
    return this.request(action, { method: 'POST', body: new URLSearchParams({ ...hidden, ...fields }).toString() })
  }
}

export function text(page: Page): string {
  return page.html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim()
}

function decode(s: string) {
  return s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
}
