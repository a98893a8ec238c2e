import {expect} from '@open-wc/testing';
import {pageIdFrom, normalizePath} from '../../src/core/page-id.js';

const loc = (href: string) => ({href, pathname: new URL(href).pathname});

describe('core/page-id', () => {
  it('uses the canonical link path when there is one', () => {
    expect(pageIdFrom('https://blog.example/2013/09/leadership/', loc('https://blog.example/amp/x?utm=1'))).to.equal(
      '/2013/09/leadership'
    );
  });

  it('falls back to the page path, ignoring query and hash', () => {
    expect(pageIdFrom(null, loc('https://blog.example/post.html?x=1#c'))).to.equal('/post.html');
  });

  it('gives /post, /post/ and /post/index.html one thread', () => {
    expect(normalizePath('/post/')).to.equal('/post');
    expect(normalizePath('/post/index.html')).to.equal('/post');
    expect(normalizePath('/post')).to.equal('/post');
    expect(normalizePath('/')).to.equal('/');
    expect(normalizePath('/index.html')).to.equal('/');
  });

  it('ignores an unparsable canonical link', () => {
    expect(pageIdFrom('http://[bad', loc('https://blog.example/a/'))).to.equal('/a');
  });
});
