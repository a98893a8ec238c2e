// demo/npm.html's script: Confab from npm with a storage adapter of the application's own.
// The npm package's modules, as an application imports them (`confab`, `confab/define`), bundled by Rollup.
import {ConfabError, MemoryAdapter, parseComments} from '../dist/index.js';
import '../dist/define.js';

/** A custom adapter: one localStorage key per comment, so writes never overwrite each other. */
class LocalStorageAdapter {
  name = 'localstorage';
  #prefix = 'npm-demo:comment:';

  async list(postId, {cursor} = {}) {
    if (cursor) throw new ConfabError('invalid', 'This adapter returns everything in one page.');
    const records = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key.startsWith(this.#prefix + postId + ':')) records.push(JSON.parse(localStorage.getItem(key)));
    }
    // Storage is not trusted: parseComments skips malformed records.
    return {comments: parseComments(records), next: null};
  }

  async create(postId, draft) {
    // MemoryAdapter validates the draft and makes the id and time, exactly as the built-in adapters do.
    const comment = await new MemoryAdapter().create(postId, draft);
    try {
      localStorage.setItem(`${this.#prefix}${postId}:${comment.id}`, JSON.stringify(comment));
    } catch (cause) {
      throw new ConfabError('quota', 'localStorage is full.', {adapter: this.name, cause});
    }
    return comment;
  }
}

const element = document.querySelector('confab-comments');
element.adapter = new LocalStorageAdapter();
const activity = document.querySelector('#activity');
element.addEventListener('confab-comment-added', (event) => {
  activity.textContent = `confab-comment-added: ${event.detail.comment.author} commented (id ${event.detail.comment.id}).`;
});
element.addEventListener('confab-error', (event) => {
  activity.textContent = `confab-error: ${event.detail.error.message}`;
});
