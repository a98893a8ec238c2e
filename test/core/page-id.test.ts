import {expect} from '@open-wc/testing';
import {normalizePath, pageIdFrom, postIdOf} from '../../src/core/page-id.js';

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

  it('keeps the query parameters that say which page it is, so /?p=4 and /?p=5 are two threads', () => {
    expect(pageIdFrom(null, loc('https://blog.example/?p=4&utm_source=x'))).to.equal('/?p=4');
    expect(pageIdFrom(null, loc('https://blog.example/?p=5'))).to.equal('/?p=5');
    expect(postIdOf(new URL('https://blog.example/index.php?page_id=7&p=3#c'))).to.equal('/index.php?p=3&page_id=7');
    expect(postIdOf(new URL('https://blog.example/?utm_campaign=y'))).to.equal('/');
  });

  it('ignores an unparsable canonical link', () => {
    expect(pageIdFrom('http://[bad', loc('https://blog.example/a/'))).to.equal('/a');
  });
});
