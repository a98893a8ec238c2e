/**
 * `gathered`: calls that come while one runs go together into the next, each answered in its place.
 */
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {gathered} from '../src/store/gather.js';

/** A run whose calls the test ends by hand, recording what each was given. */
function controlled() {
  const calls: {items: number[]; end: (results?: PromiseSettledResult<string>[]) => void; fail: (e: Error) => void}[] =
    [];
  const run = (items: number[]) =>
    new Promise<PromiseSettledResult<string>[]>((resolve, reject) => {
      calls.push({
        items,
        end: (results) => resolve(results ?? items.map((n) => ({status: 'fulfilled', value: `answer ${n}`}))),
        fail: reject,
      });
    });
  return {calls, run};
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('gathered calls', () => {
  it('starts a call at once when none runs, and gathers what comes meanwhile into the next', async () => {
    const {calls, run} = controlled();
    const ask = gathered(run, 10);
    const first = ask(1);
    await settle();
    assert.deepEqual(
      calls.map((c) => c.items),
      [[1]]
    );
    const others = [2, 3, 4].map((n) => ask(n));
    await settle();
    assert.equal(calls.length, 1, 'one call at a time');
    calls[0]!.end();
    assert.equal(await first, 'answer 1');
    await settle();
    assert.deepEqual(calls[1]!.items, [2, 3, 4]);
    calls[1]!.end();
    assert.deepEqual(await Promise.all(others), ['answer 2', 'answer 3', 'answer 4']);
    // Idle again: the next one goes alone, at once.
    const last = ask(5);
    await settle();
    assert.deepEqual(calls[2]!.items, [5]);
    calls[2]!.end();
    assert.equal(await last, 'answer 5');
  });

  it('never puts more than max items in a call', async () => {
    const {calls, run} = controlled();
    const ask = gathered(run, 3);
    const answers = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => ask(n));
    for (let i = 0; i < 4 && calls[i]; i++) {
      await settle();
      calls[i]!.end();
      await settle();
    }
    assert.deepEqual(
      calls.map((c) => c.items),
      [[0], [1, 2, 3], [4, 5, 6], [7]]
    );
    assert.equal((await Promise.all(answers)).length, 8);
  });

  it('rejects an item refused in its answer alone, and every item of a call that fails', async () => {
    const {calls, run} = controlled();
    const ask = gathered(run, 10);
    const first = ask(1);
    const [a, b] = [ask(2), ask(3)];
    await settle();
    calls[0]!.fail(new Error('connection lost'));
    await assert.rejects(first, /connection lost/);
    await settle();
    calls[1]!.end([
      {status: 'rejected', reason: new Error('refused 2')},
      {status: 'fulfilled', value: 'answer 3'},
    ]);
    await assert.rejects(a, /refused 2/);
    assert.equal(await b, 'answer 3');
    // An answer short of an item fails that item, and the next call is served as before.
    const c = ask(4);
    await settle();
    calls[2]!.end([]);
    await assert.rejects(c, /No answer/);
    const d = ask(5);
    await settle();
    calls[3]!.end();
    assert.equal(await d, 'answer 5');
  });
});
