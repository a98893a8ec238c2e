import {expect} from '@open-wc/testing';
import {anchorAt, dice, locate} from '../../src/core/anchor.js';

const POST =
  "So, management is crucial — but it’s not leadership. You can't lead and micromanage at the same time, if you do, you must be exhausted. Leadership is entirely different. You can't lead and micromanage at the same time, says everyone.";

describe("anchors: finding a quote again in the post's text", () => {
  const quote = "You can't lead and micromanage at the same time, if you do, you must be exhausted.";
  const start = POST.indexOf(quote);

  it('finds an exact quote where it was', () => {
    const anchor = anchorAt(POST, start, start + quote.length);
    expect(locate(POST, anchor)).to.deep.equal({start, end: start + quote.length, exact: true});
  });

  it('tells repeated passages apart by their context, then by position', () => {
    const phrase = "You can't lead and micromanage at the same time";
    const second = POST.lastIndexOf(phrase);
    const anchor = anchorAt(POST, second, second + phrase.length);
    expect(locate(POST, anchor)!.start).to.equal(second);
    const first = anchorAt(POST, start, start + phrase.length);
    expect(locate(POST, first)!.start).to.equal(start);
    // With the context lost, the old position decides.
    expect(locate(POST, {...anchor, prefix: '', suffix: ''})!.start).to.equal(second);
  });

  it('follows the passage when text before it is added or removed', () => {
    const anchor = anchorAt(POST, start, start + quote.length);
    const edited = 'A new opening sentence was added here. ' + POST;
    expect(locate(edited, anchor)).to.deep.equal({start: start + 39, end: start + 39 + quote.length, exact: true});
  });

  it('still finds a quote after a small edit inside it (a typo fixed, a word changed)', () => {
    const anchor = anchorAt(POST, start, start + quote.length);
    const edited = POST.replace('you must be exhausted', 'you must be very exhausted').replace("can't", 'cannot');
    const found = locate(edited, anchor)!;
    expect(found.exact).to.equal(false);
    expect(edited.slice(found.start, found.end)).to.match(/^You cannot lead and micromanage .* exhausted\.?$/);
  });

  it('gives up on a passage that is gone (an orphan), rather than pointing somewhere wrong', () => {
    const anchor = anchorAt(POST, start, start + quote.length);
    const rewritten = POST.replace(quote, 'Good managers trust their teams to do the work without watching over them.');
    expect(locate(rewritten, anchor)).to.equal(null);
  });

  it('never splits an emoji at the edges, and caps a quote at 1,000 characters', () => {
    const text = 'ab😀cd' + 'x'.repeat(2000);
    const anchor = anchorAt(text, 3, 5);
    expect(anchor.quote).to.equal('😀c');
    expect(anchorAt(text, 0, 3).quote).to.equal('ab');
    expect(anchorAt(text, 0, 1500).quote.length).to.equal(1000);
  });

  it('measures similarity with bigrams', () => {
    expect(dice('night', 'night')).to.equal(1);
    expect(dice('night', 'nacht')).to.be.below(0.5);
    expect(dice('micromanage at the same time', 'micro-manage at the same time')).to.be.above(0.8);
  });
});
