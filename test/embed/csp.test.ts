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
    // The form comes after the comments, from its own file, and is drawn there too.
    const root = doc.querySelector('confab-comments')!.shadowRoot!;
    await until(() => root.querySelector('confab-composer')?.shadowRoot?.querySelector('[part~="body-input"]'));
  });

  it("keeps working on a page with default-src 'self'", async () => {
    const doc = await open('/test/fixtures/strict-csp.html');
    const body = await renderedBody(doc);
    expect(body.querySelector('strong')?.textContent).to.equal('Bold');
    // The avatar's squares are set through its style object, which the policy allows (a style attribute it refuses).
    const avatar = doc.querySelector('confab-comments')!.shadowRoot!.querySelector('#comment-csp1 [part~="avatar"]')!;
    expect(doc.defaultView!.getComputedStyle(avatar).backgroundImage).to.contain('linear-gradient');
  });

  it("shows the thread, and says so where the form would be, when the form's own file is refused", async () => {
    // A policy that lists the script-tag build's files one by one, all but the comment form's.
    const {loader, files} = (await (await fetch('/dist/confab-files.json')).json()) as {
      loader: string;
      files: Record<string, string[]>;
    };
    const allowed = [loader, ...files.main!, ...files.memory!, ...files.actions!].map(
      (f) => `${location.origin}/dist/${f}`
    );
    const frame = document.createElement('iframe');
    const loaded = new Promise((resolve) => (frame.onload = resolve));
    frame.srcdoc = `<!doctype html><meta http-equiv="Content-Security-Policy" content="script-src ${allowed.join(' ')}">
      <script type="application/json" id="existing">[{"id": "csp1", "postId": "/csp-form", "parentId": null,
        "author": "Ada", "body": "**Bold** words.", "createdAt": "2024-01-01T00:00:00.000Z"}]</script>
      <script src="${location.origin}/dist/confab.js" data-post-id="/csp-form" data-storage="memory"
        data-import="#existing" data-loading="eager"></script>`;
    document.body.append(frame);
    await loaded;
    const doc = frame.contentDocument!;
    const body = await renderedBody(doc);
    expect(body.querySelector('strong')?.textContent).to.equal('Bold');
    const root = doc.querySelector('confab-comments')!.shadowRoot!;
    await until(() => root.querySelector('[part~="error"]'));
    expect(root.querySelector('[part~="error"]')!.textContent).to.equal(
      'The comment form could not be loaded. Reload the page to write a comment.'
    );
    expect(root.querySelector('confab-composer')).to.equal(null);
    // The reader can still read, and reply buttons say the same where a reply form would open.
    root.querySelector<HTMLButtonElement>('#comment-csp1 [part~="reply-button"]')!.click();
    await until(() => root.querySelectorAll('[part~="error"]').length === 2);
    frame.remove();
  });
});
