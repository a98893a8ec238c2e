import {expect} from '@open-wc/testing';
import {until} from '../support/helpers.js';

/** Opens a fixture page in a frame, as a blog with that policy would be. */
async function open(path: string): Promise<Document> {
  const frame = document.createElement('iframe');
  frame.style.width = '800px';
  frame.style.height = '600px';
  const loaded = new Promise((resolve) => (frame.onload = resolve));
  frame.src = path;
  document.body.append(frame);
  await loaded;
  return frame.contentDocument!;
}

/** The rendered comment's body, once it is there. */
async function renderedBody(doc: Document): Promise<Element> {
  let body: Element | null | undefined;
  await until(
    () => (body = doc.querySelector('confab-comments')?.shadowRoot?.querySelector('#comment-csp1 [part~="body"]'))
  );
  return body!;
}

describe("dist/confab.js under a page's Content-Security-Policy", () => {
  it('renders the thread, markdown included, on a page that requires Trusted Types', async () => {
    const doc = await open('/test/fixtures/trusted-types.html');
    const body = await renderedBody(doc);
    expect(body.querySelector('strong')?.textContent).to.equal('Bold');
    expect(body.querySelector('a')?.getAttribute('href')).to.equal('https://example.com/');
    expect(body.querySelector('a')?.getAttribute('rel')).to.equal('nofollow ugc noopener noreferrer');
    // The composer is there too, and works.
    expect(doc.querySelector('confab-comments')!.shadowRoot!.querySelector('confab-composer')).to.exist;
  });

  it("keeps working on a page with default-src 'self'", async () => {
    const doc = await open('/test/fixtures/strict-csp.html');
    const body = await renderedBody(doc);
    expect(body.querySelector('strong')?.textContent).to.equal('Bold');
    // The avatar's squares are set through its style object, which the policy allows (a style attribute it refuses).
    const avatar = doc.querySelector('confab-comments')!.shadowRoot!.querySelector('#comment-csp1 [part~="avatar"]')!;
    expect(doc.defaultView!.getComputedStyle(avatar).backgroundImage).to.contain('linear-gradient');
  });
});
