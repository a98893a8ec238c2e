import {expect} from '@open-wc/testing';
import {checkDraft, parseComment, LIMITS, isValidPostId} from '../../src/core/validate.js';
import {cleanName, codePointLength, hasForbiddenCharacters} from '../../src/core/text.js';

describe('core/validate', () => {
  it('accepts a normal draft and names an empty author Anonymous', () => {
    const r = checkDraft({author: '   ', body: 'Hello'});
    expect(r.ok && r.draft).to.deep.equal({parentId: null, author: 'Anonymous', body: 'Hello'});
  });

  it('refuses an empty or blank body', () => {
    expect(checkDraft({author: 'A', body: ''})).to.deep.equal({ok: false, errors: {body: 'body-empty'}});
    expect(checkDraft({author: 'A', body: ' \n\t '})).to.deep.equal({ok: false, errors: {body: 'body-empty'}});
  });

  it('counts the body limit in code points', () => {
    const emoji = '😀'; // two UTF-16 units, one code point
    expect(checkDraft({body: emoji.repeat(LIMITS.body)}).ok).to.equal(true);
    const over = checkDraft({body: emoji.repeat(LIMITS.body + 1)});
    expect(over.ok ? null : over.errors.body).to.equal('body-too-long');
  });

  it('counts the name limit in code points, after cleaning', () => {
    expect(checkDraft({author: '名'.repeat(80), body: 'x'}).ok).to.equal(true);
    const over = checkDraft({author: '名'.repeat(81), body: 'x'});
    expect(over.ok ? null : over.errors.author).to.equal('author-too-long');
    expect(codePointLength('👩‍👩‍👧')).to.equal(5);
  });

  it('strips bidi and zero-width characters from names; a name made only of them is Anonymous', () => {
    expect(cleanName('\u202Eevil\u202C')).to.equal('evil');
    expect(cleanName('a\u200Bb')).to.equal('ab');
    const r = checkDraft({author: '\u202E\u200B\u2066', body: 'x'});
    expect(r.ok && r.draft.author).to.equal('Anonymous');
  });

  it('caps runs of combining marks in names', () => {
    const zalgo = 'e' + '\u0301'.repeat(40);
    expect(codePointLength(cleanName(zalgo))).to.equal(4);
  });

  it('refuses NUL, other control characters and lone surrogates', () => {
    expect(hasForbiddenCharacters('a\u0000b')).to.equal(true);
    expect(hasForbiddenCharacters('a\uD800b')).to.equal(true);
    expect(hasForbiddenCharacters('a\uDC00')).to.equal(true);
    expect(hasForbiddenCharacters('😀 tab\tnewline\n')).to.equal(false);
    const r = checkDraft({author: 'A', body: 'x\u0000'});
    expect(r.ok ? null : r.errors.body).to.equal('invalid-characters');
  });

  it('normalizes to NFC so that equal text is stored equally', () => {
    const r = checkDraft({author: 'Ame\u0301lie', body: 'cafe\u0301'});
    expect(r.ok && r.draft.author).to.equal('Amélie');
    expect(r.ok && r.draft.body).to.equal('café');
  });

  it('parses a valid record and drops unknown fields', () => {
    const c = parseComment({
      id: 'abc',
      postId: '/p',
      parentId: null,
      author: 'A',
      body: 'hi',
      createdAt: '2024-01-01T00:00:00Z',
      evil: 1,
    });
    expect(c).to.deep.equal({
      id: 'abc',
      postId: '/p',
      parentId: null,
      author: 'A',
      body: 'hi',
      createdAt: '2024-01-01T00:00:00.000Z',
    });
  });

  const base = {id: 'abc', postId: '/p', parentId: null, author: 'A', body: 'hi', createdAt: '2024-01-01T00:00:00Z'};
  const malformed: [string, unknown][] = [
    ['null', null],
    ['an array', [base]],
    ['a string', 'comment'],
    ['a missing id', {...base, id: undefined}],
    ['an id with odd characters', {...base, id: '<script>'}],
    ['a numeric body', {...base, body: 42}],
    ['an empty body', {...base, body: ''}],
    ['a body over the limit', {...base, body: 'x'.repeat(5001)}],
    ['an author object', {...base, author: {toString: () => 'x'}}],
    ['a bad date', {...base, createdAt: 'yesterday'}],
    ['a bad parent id', {...base, parentId: 'a b'}],
    ['a NUL in the body', {...base, body: 'a\u0000'}],
    ['a post id with quotes', {...base, postId: '/p"><script>'}],
  ];
  for (const [what, value] of malformed) {
    it(`skips a record with ${what}`, () => {
      expect(parseComment(value)).to.equal(null);
    });
  }

  it('accepts ordinary post ids and refuses odd ones', () => {
    expect(isValidPostId('/2013/09/leadership-vs-management')).to.equal(true);
    expect(isValidPostId('/ünïcödé/post')).to.equal(true);
    expect(isValidPostId('')).to.equal(false);
    expect(isValidPostId('a b')).to.equal(false);
    expect(isValidPostId('x'.repeat(513))).to.equal(false);
  });
});
