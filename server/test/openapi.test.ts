import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {describe, it} from 'node:test';
import {parse} from 'yaml';
import {API_ERROR_CODES} from 'confab/core';

describe('server/openapi.yaml', () => {
  const spec = parse(readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8'));

  it('is valid YAML, with every route the server has', () => {
    assert.equal(spec.openapi, '3.1.0');
    for (const path of [
      '/health',
      '/comments',
      '/comments/{id}',
      '/comments/mine',
      '/comments.html',
      '/comments/form',
      '/comments/{id}/thread',
      '/comments/{id}/reactions/{kind}',
      '/counts',
      '/stream',
      '/admin/comments',
      '/admin/comments/{id}',
      '/admin/comments/{id}/purge',
      '/admin/me',
      '/admin/posts',
      '/admin/log',
      '/comments/{id}/report',
      '/admin/export',
      '/admin/mail',
      '/admin/mail/{id}/retry',
      '/admin/settings',
      '/admin/forget-email',
      '/mail/confirm',
      '/mail/unsubscribe',
      '/mail/moderate',
      '/mail/forget',
      '/feeds/comments.atom',
      '/feeds/latest.atom',
      '/feeds/replies.atom',
      '/me/feed',
    ]) {
      assert.ok(spec.paths[path], path);
    }
  });

  it('lists exactly the error codes the server and the widget share', () => {
    assert.deepEqual(spec.components.schemas.Error.properties.error.properties.code.enum, [...API_ERROR_CODES]);
  });
});
