import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {loadConfig} from '../src/config.js';

describe('configuration', () => {
  it('has safe defaults', () => {
    const config = loadConfig([], {});
    assert.ok(config !== 'help');
    assert.equal(config.port, 8787);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.database, 'confab.db');
    assert.deepEqual(config.origins, []);
    assert.equal(config.editWindowMinutes, 15);
    assert.equal(config.rateLimit, 5);
  });

  it('reads flags before environment variables', () => {
    const config = loadConfig(['--port', '9000', '--origins', 'https://a.example,https://b.example'], {
      PORT: '1',
      DATABASE_URL: 'postgres://u@h/db',
      CONFAB_TRUST_PROXY: '10.0.0.0/8',
    });
    assert.ok(config !== 'help');
    assert.equal(config.port, 9000);
    assert.equal(config.database, 'postgres://u@h/db');
    assert.deepEqual(config.origins, ['https://a.example', 'https://b.example']);
    assert.deepEqual(config.trustProxy, ['10.0.0.0/8']);
  });

  it('explains a bad value', () => {
    assert.throws(() => loadConfig(['--port', 'eighty'], {}), /--port must be a number/);
    assert.throws(() => loadConfig(['--origins', 'https://a.example/path'], {}), /Origins are written like/);
    assert.throws(() => loadConfig(['--no-such-flag'], {}), /Unknown option/);
  });
});
