import {expect} from '@open-wc/testing';
import '../../src/define.js';
import {$$, composerOf, rows, submit, type, uniquePostId, until} from '../support/helpers.js';
import {serverEndpoint} from '../support/server.js';
import {PAYLOADS, armOracle, findDanger, oracleFired, provoke} from '../support/xss.js';

/** Posts comments through the server's JSON API; resolves to the stored ones. */
async function seed(endpoint: string, postId: string, comments: {author?: string; body: string; parentId?: string}[]) {
  const out = [];
  for (const comment of comments) {
    const response = await fetch(`${endpoint}/comments`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({postId, ...comment}),
    });
    out.push((await response.json()).comment);
  }
  return out as {id: string; body: string}[];
}

const fragmentOf = async (endpoint: string, postId: string) =>
  (await fetch(`${endpoint}/comments.html?post=${encodeURIComponent(postId)}`)).text();

/** A <confab-comments> for the post on the test server, holding `html` (a server-rendered thread) from the start. */
function mountOver(endpoint: string, postId: string, html: string) {
  const el = document.createElement('confab-comments');
  el.setAttribute('storage', 'rest');
  el.setAttribute('endpoint', endpoint);
  el.setAttribute('post-id', postId);
  el.innerHTML = html;
  document.body.append(el);
  return el;
}

/** Lists this page made of a post's first page (the element must not make one when the page holds it). */
const listRequests = (postId: string) =>
  performance
    .getEntriesByType('resource')
    .filter((r) => r.name.includes('/api/comments?') && r.name.includes(encodeURIComponent(postId)));

describe('the server-rendered thread (GET /api/comments.html) in the browser', () => {
  let endpoint: string;
  before(async () => {
    endpoint = await serverEndpoint();
  });
  // A reader the server does not know yet, in the default order (other test files leave a reader id, a sort behind).
  beforeEach(() => {
    localStorage.removeItem('confab:reader');
    localStorage.removeItem('confab:sort');
  });
  afterEach(() => {
    for (const el of document.querySelectorAll('confab-comments, .ssr-host')) el.remove();
  });

  it('is held to the widget’s hostile-input standard: nothing runs, nothing dangerous is left', async () => {
    armOracle();
    const postId = uniquePostId('ssr-xss');
    // As replies to one comment: the first page holds them all (its 20 threads hold every reply).
    const [root] = await seed(endpoint, postId, [{author: PAYLOADS[0]!, body: PAYLOADS[1]!}]);
    const replies = await seed(
      endpoint,
      postId,
      PAYLOADS.map((payload) => ({author: payload.slice(0, 80), body: payload, parentId: root!.id}))
    );
    // What the server published (a payload it refuses or holds, such as a repeated text, is not shown to anyone).
    const shown = 1 + replies.filter((c) => c && !(c as {status?: string}).status).length;
    expect(shown).to.be.greaterThan(PAYLOADS.length - 5);
    const host = document.createElement('div');
    host.className = 'ssr-host';
    document.body.append(host);
    // Inserted as a page would have it: createContextualFragment runs scripts and handlers, unlike innerHTML.
    host.append(document.createRange().createContextualFragment(await fragmentOf(endpoint, postId)));
    await provoke(host);
    expect(oracleFired()).to.equal(false);
    const data = host.querySelectorAll('script');
    expect(data).to.have.length(1);
    expect(data[0]!.type).to.equal('application/json', 'the only script is inert data');
    const page = JSON.parse(data[0]!.textContent!);
    expect(page.comments).to.have.length(shown, 'the data holds every comment, whatever its text');
    data[0]!.remove();
    const bodies = [...host.querySelectorAll('.confab-body')];
    const names = [...host.querySelectorAll('.confab-author')];
    expect(bodies).to.have.length(shown);
    expect(findDanger(host, [...bodies, ...names])).to.deep.equal([]);
  });

  it('is taken over by <confab-comments>: no request for the first page, no flash, each comment once', async () => {
    const postId = uniquePostId('ssr-takeover');
    const [first] = await seed(endpoint, postId, [
      {author: 'Ada', body: 'The first comment'},
      {author: 'Grace', body: 'The second comment'},
    ]);
    await seed(endpoint, postId, [{author: 'Edsger', body: 'A reply', parentId: first!.id}]);
    const html = await fragmentOf(endpoint, postId);
    performance.clearResourceTimings();
    const el = mountOver(endpoint, postId, html);
    // Until its own thread is ready, the element shows the light DOM one as it is.
    await el.updateComplete;
    const light = el.querySelector('.confab-ssr')!;
    expect(el.shadowRoot!.querySelector('[part~="status"]'), 'no "Loading comments…"').to.equal(null);
    expect(el.shadowRoot!.querySelector('slot'), 'the server-rendered thread shows meanwhile').to.exist;
    expect(light.checkVisibility()).to.equal(true);
    await el.loadComplete;
    expect(rows(el)).to.deep.equal(['0:Ada:The first comment', '1:Edsger:A reply', '0:Grace:The second comment']);
    expect(listRequests(postId), 'no request for the first page').to.have.length(0);
    // The light DOM copy stays in the document (for crawlers), and is not shown twice.
    expect(el.querySelectorAll('.confab-ssr article')).to.have.length(3);
    expect(light.checkVisibility()).to.equal(false);
    expect(el.shadowRoot!.querySelector('slot')).to.equal(null);
    // The element's own composer replaces the form, and the thread is live and writable as ever.
    await type(composerOf(el), 'body', 'Written in the upgraded thread');
    await submit(composerOf(el));
    expect(rows(el)).to.include('0:Anonymous:Written in the upgraded thread');
    expect($$(el, '[part~="comment"]')).to.have.length(4);
  });

  it('reads the first page again for a reader the server knows (their own held comments and reactions)', async () => {
    const postId = uniquePostId('ssr-known');
    await seed(endpoint, postId, [{body: 'Shown to everyone'}]);
    const html = await fragmentOf(endpoint, postId);
    localStorage.setItem('confab:reader', 'k'.repeat(43));
    try {
      performance.clearResourceTimings();
      const el = mountOver(endpoint, postId, html);
      await el.loadComplete;
      expect(rows(el)).to.deep.equal(['0:Anonymous:Shown to everyone']);
      await until(() => listRequests(postId).length === 1);
    } finally {
      localStorage.removeItem('confab:reader');
    }
  });

  it('ignores page data of another post, and asks storage as usual', async () => {
    const postId = uniquePostId('ssr-other');
    const other = uniquePostId('ssr-other-data');
    await seed(endpoint, postId, [{body: 'The real thread'}]);
    await seed(endpoint, other, [{body: 'Another post'}]);
    const el = mountOver(endpoint, postId, await fragmentOf(endpoint, other));
    await el.loadComplete;
    expect(rows(el)).to.deep.equal(['0:Anonymous:The real thread']);
  });
});
