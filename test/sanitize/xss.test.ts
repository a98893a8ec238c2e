import {expect, fixture, html} from '@open-wc/testing';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import {ConfabComments} from '../../src/components/confab-comments/confab-comments.js';
import '../../src/define.js';
import {sanitizeHtml} from '../../src/sanitize/sanitize.js';
import {$$, loadAll} from '../support/helpers.js';
import {PAYLOADS, armOracle, findDanger, oracleFired, provoke} from '../support/xss.js';

describe('hostile input', () => {
  beforeEach(armOracle);

  it('has at least 40 payloads', () => {
    expect(PAYLOADS.length).to.be.at.least(40);
  });

  describe('self-test: the oracle and the detector fire on raw payloads', () => {
    it('the oracle fires when a raw payload runs', async () => {
      const raw = document.createElement('div');
      document.body.append(raw);
      raw.innerHTML = '<img src=x onerror=alert(1)>';
      await provoke(raw);
      raw.remove();
      expect(oracleFired()).to.equal(true);
    });

    it('the detector finds every raw payload that carries markup', () => {
      // An inert document: nothing in it loads or runs.
      const doc = document.implementation.createHTMLDocument('');
      const missed = PAYLOADS.filter((p) => {
        const raw = doc.createElement('div');
        raw.innerHTML = p;
        return raw.querySelector('*') !== null && findDanger(raw, [raw]).length === 0;
      });
      expect(missed).to.deep.equal([]);
    });
  });

  describe('through the sanitizer', () => {
    for (const payload of PAYLOADS) {
      it(`neutralizes ${JSON.stringify(payload).slice(0, 70)}`, async () => {
        const out = sanitizeHtml(payload);
        expect(out).to.be.a('string');
        const host = document.createElement('div');
        document.body.append(host);
        host.innerHTML = out!;
        await provoke(host);
        const danger = findDanger(host, [host]);
        host.remove();
        expect(danger).to.deep.equal([]);
        expect(oracleFired()).to.equal(false);
        // Sanitizing again changes nothing: no round-trip mutation.
        expect(sanitizeHtml(out!)).to.equal(out);
      });
    }
  });

  describe('through <confab-comments>, as body and as name', () => {
    it('renders every payload as harmless text and runs none', async () => {
      const comments = PAYLOADS.map((payload, i) => ({
        id: `x${i}`,
        postId: '/xss',
        parentId: null,
        author: payload.slice(0, 80),
        body: payload,
        createdAt: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString(),
      }));
      const el = await fixture<ConfabComments>(
        html`<confab-comments post-id="/xss" .adapter=${new MemoryAdapter({comments})}></confab-comments>`
      );
      await el.loadComplete;
      await loadAll(el);
      expect($$(el, '[part~="comment"]')).to.have.length(PAYLOADS.length);
      await provoke(el.shadowRoot!);
      const bodies = $$(el, '[part~="body"]');
      const authors = $$(el, '[part~="author"]');
      expect(findDanger(el.shadowRoot!, [...bodies, ...authors])).to.deep.equal([]);
      expect(oracleFired()).to.equal(false);
      // Names are text, shown exactly (after cleaning), never markup.
      expect(authors[0]!.textContent).to.equal('<script>alert(1)</script>');
      // Bodies are the reader's words: the text of a payload survives, escaped.
      expect(bodies[1]!.textContent).to.equal('<img src=x onerror=alert(1)>');
      // A second render of the same data produces the same safe DOM.
      el.requestUpdate();
      await el.updateComplete;
      expect(findDanger(el.shadowRoot!, [...$$(el, '[part~="body"]')])).to.deep.equal([]);
    });

    it('links URLs safely, with nofollow ugc noopener noreferrer, and nothing else', async () => {
      const body = 'See https://example.com/a?b=1&c=2. Or mailto:me@example.com, not javascript:alert(1)';
      const el = await fixture<ConfabComments>(
        html`<confab-comments
          post-id="/links"
          .adapter=${new MemoryAdapter({
            comments: [
              {id: 'l', postId: '/links', parentId: null, author: 'A', body, createdAt: '2024-01-01T00:00:00Z'},
            ],
          })}
        ></confab-comments>`
      );
      await el.loadComplete;
      const links = $$<HTMLAnchorElement>(el, '[part~="body"] a');
      expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
        'https://example.com/a?b=1&c=2',
        'mailto:me@example.com',
      ]);
      for (const a of links) {
        expect(a.rel).to.equal('nofollow ugc noopener noreferrer');
        expect(a.target).to.equal('_blank');
      }
      expect($$(el, '[part~="body"]')[0]!.textContent).to.equal(body);
    });

    it('is a ConfabComments element', () => {
      expect(customElements.get('confab-comments')).to.equal(ConfabComments);
    });
  });
});
