import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {clientAddress, clientKey, normalizeIp, trustedProxies} from '../src/http/client.js';

describe('client addresses', () => {
  const trusted = trustedProxies(['10.0.0.0/8', '127.0.0.1', 'fd00::/8']);

  it('uses the socket peer when it is not a trusted proxy', () => {
    assert.equal(clientAddress('198.51.100.1', '203.0.113.9', trusted), '198.51.100.1');
  });

  it('walks X-Forwarded-For from the right past trusted proxies', () => {
    assert.equal(clientAddress('127.0.0.1', '203.0.113.9, 10.1.2.3', trusted), '203.0.113.9');
    assert.equal(clientAddress('127.0.0.1', 'forged, 203.0.113.9', trusted), '203.0.113.9');
    assert.equal(clientAddress('::ffff:127.0.0.1', '203.0.113.9', trusted), '203.0.113.9');
    assert.equal(clientAddress('127.0.0.1', 'not-an-ip', trusted), '127.0.0.1');
  });

  it('groups IPv6 by /64 and keeps IPv4 whole', () => {
    assert.equal(clientKey('2001:db8:abcd:12::1'), '2001:0db8:abcd:0012::/64');
    assert.equal(clientKey('2001:db8:abcd:12:ffff:1:2:3'), '2001:0db8:abcd:0012::/64');
    assert.equal(clientKey('::1'), '0000:0000:0000:0000::/64');
    assert.equal(clientKey('203.0.113.9'), '203.0.113.9');
    assert.equal(normalizeIp('[2001:db8::1]'), '2001:db8::1');
    assert.equal(normalizeIp('fe80::1%eth0'), 'fe80::1');
  });

  it('refuses a proxy entry that is not an address', () => {
    assert.throws(() => trustedProxies(['proxy.example']), /Not an IP address or range/);
  });
});
