/**
 * Hostile input from public XSS cheat sheets (OWASP, PortSwigger) and DOMPurify's own advisories, with an execution
 * oracle and a DOM detector. Both are proven to fire on raw payloads before they judge Confab's output.
 */
export const PAYLOADS: readonly string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<body onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>parent.alert(1)</script>"></iframe>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="java&#x0A;script:alert(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '<a href="jav\tascript:alert(1)">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<input autofocus onfocus=alert(1)>',
  '<select autofocus onfocus=alert(1)></select>',
  '<textarea autofocus onfocus=alert(1)></textarea>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<audio src=x onerror=alert(1)>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<button formaction="javascript:alert(1)">x</button>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<svg><style><img src=x onerror=alert(1)></style></svg>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel=stylesheet href="javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<marquee onstart=alert(1)>x</marquee>',
  '<style>@keyframes x{}</style><p style="animation-name:x" onanimationstart=alert(1)>x</p>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<svg><a xlink:href="javascript:alert(1)"><text y="20">x</text></a></svg>',
  '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
  '<img srcset="x" onerror=alert(1)>',
  '<template><img src=x onerror=alert(1)></template>',
  '<xss id=x tabindex=1 onfocusin=alert(1)></xss>',
  '<div onpointerover=alert(1) onmouseover=alert(1)>hover</div>',
  '<a href="https://ok.example" onclick="alert(1)">x</a>',
  '<p><a href="mailto:x@y.z" onmouseover=alert(1)>m</a></p>',
  '<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=alert(1) src>">',
  '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
  '<a href="https://user:pass@evil.example/">credentials</a>',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  'javascript:alert(1)',
  'https://example.com/"onmouseover="alert(1)',
  'https://example.com/<img/src/onerror=alert(1)>',
];

const flag = '__confabXssFired';

/** Replaces the dialogs and print with a flag that any payload's execution sets. */
export function armOracle(): void {
  const w = window as unknown as Record<string, unknown>;
  w[flag] = false;
  const fire = () => {
    w[flag] = true;
  };
  Object.assign(window, {alert: fire, confirm: fire, prompt: fire, print: fire});
}

export const oracleFired = () => (window as unknown as Record<string, unknown>)[flag] === true;

const DANGEROUS_URL = /^\s*(?:javascript|vbscript|data):/i;
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'background', 'srcdoc', 'data', 'poster'];
const BODY_TAGS = new Set([
  'P',
  'BR',
  'EM',
  'STRONG',
  'B',
  'I',
  'A',
  'CODE',
  'PRE',
  'BLOCKQUOTE',
  'UL',
  'OL',
  'LI',
  'DIV',
]);

/** Every element under `root`, shadow roots included. */
export function allElements(root: Element | ShadowRoot | Document): Element[] {
  const out: Element[] = [];
  for (const el of root.querySelectorAll('*')) {
    out.push(el);
    if (el.shadowRoot) out.push(...allElements(el.shadowRoot));
  }
  return out;
}

/**
 * What is dangerous in a rendered tree: script elements, event-handler attributes, script URLs, and (inside
 * `contentRoots`, the places user content goes) any tag outside the body allowlist or any style attribute.
 */
export function findDanger(root: Element | ShadowRoot | Document, contentRoots: Element[] = []): string[] {
  const problems: string[] = [];
  for (const el of allElements(root)) {
    if (el.tagName === 'SCRIPT') problems.push('script element');
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) problems.push(`${el.tagName} ${attr.name}`);
      if (URL_ATTRIBUTES.includes(attr.name.toLowerCase()) && DANGEROUS_URL.test(attr.value)) {
        problems.push(`${el.tagName} ${attr.name}=${attr.value}`);
      }
    }
  }
  for (const content of contentRoots) {
    for (const el of allElements(content)) {
      if (!BODY_TAGS.has(el.tagName)) problems.push(`unexpected <${el.tagName.toLowerCase()}> in content`);
      if (el.hasAttribute('style')) problems.push(`style attribute on ${el.tagName}`);
      if (el.tagName === 'A' && el.hasAttribute('href')) {
        const href = el.getAttribute('href')!;
        if (!/^(https?:|mailto:)/.test(href)) problems.push(`link to ${href}`);
        if (el.getAttribute('rel') !== 'nofollow ugc noopener noreferrer') problems.push('link without rel');
      }
    }
  }
  return problems;
}

/** Dispatches the events that trigger handlers on every element, then lets timers and media errors run. */
export async function provoke(root: Element | ShadowRoot | Document): Promise<void> {
  for (const el of allElements(root)) {
    for (const type of [
      'click',
      'mouseover',
      'pointerover',
      'focus',
      'focusin',
      'animationstart',
      'toggle',
      'error',
      'load',
    ]) {
      el.dispatchEvent(new Event(type));
    }
    if (el instanceof HTMLElement) el.focus?.();
  }
  await new Promise((r) => setTimeout(r, 50));
}
