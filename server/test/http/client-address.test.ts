/**
 * The client address behind proxies: the rightmost X-Forwarded-For address that is not a
 * trusted proxy (`server.trustedProxies`), never the leftmost one a client can write; the
 * leftmost when all are trusted; malformed entries skipped; IPv6 and ports understood. Invalid
 * `server.trustedProxies` entries are configuration errors naming the key.
 */
import { describe, expect, it } from 'vitest';
import { OWNER_AGENCY_ID } from '../../src/accounts/index.ts';
import { ConfigError, parseConfig } from '../../src/app/config.ts';
import {
  clientFromForwardedFor,
  forwardedAddress,
  isAddressOrCidr,
  trustedProxies,
} from '../../src/http/client-address.ts';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.ts';

const loopback = trustedProxies(['127.0.0.1', '::1']);

describe('X-Forwarded-For parsing', () => {
  it('ignores a spoofed leftmost address and takes what the proxy appended', () => {
    expect(clientFromForwardedFor('6.6.6.6, 203.0.113.7', loopback)).toBe('203.0.113.7');
    expect(clientFromForwardedFor('1.1.1.1, 2.2.2.2, 203.0.113.7', loopback)).toBe('203.0.113.7');
    expect(clientFromForwardedFor('203.0.113.7', loopback)).toBe('203.0.113.7');
  });

  it('walks back over a chain of trusted proxies', () => {
    const chain = trustedProxies(['127.0.0.1', '10.0.0.0/8']);
    // client → edge proxy 10.0.0.5 → local proxy (socket peer): the local proxy appends 10.0.0.5.
    expect(clientFromForwardedFor('6.6.6.6, 198.51.100.20, 10.0.0.5', chain)).toBe('198.51.100.20');
    expect(clientFromForwardedFor('198.51.100.20, 10.0.0.5, 127.0.0.1', chain)).toBe(
      '198.51.100.20',
    );
    // Only loopback trusted: the edge proxy's address is the nearest untrusted one.
    expect(clientFromForwardedFor('198.51.100.20, 10.0.0.5', loopback)).toBe('10.0.0.5');
  });

  it('takes the leftmost address when every one is a trusted proxy', () => {
    expect(clientFromForwardedFor('127.0.0.1, ::1', loopback)).toBe('127.0.0.1');
    expect(clientFromForwardedFor('::1', loopback)).toBe('::1');
  });

  it('understands IPv6, bracketed addresses, ports and IPv4-mapped addresses', () => {
    const v6 = trustedProxies(['fd00::/8', '::1']);
    expect(clientFromForwardedFor('2001:db8::1, fd00::10', v6)).toBe('2001:db8::1');
    expect(clientFromForwardedFor('[2001:db8::2]:4711, [fd00::10]', v6)).toBe('2001:db8::2');
    expect(clientFromForwardedFor('6.6.6.6, 203.0.113.7:5000', loopback)).toBe('203.0.113.7');
    expect(clientFromForwardedFor('203.0.113.7, ::ffff:127.0.0.1', loopback)).toBe('203.0.113.7');
    expect(forwardedAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(forwardedAddress('fe80::1%eth0')).toBe('fe80::1');
  });

  it('skips malformed entries', () => {
    expect(clientFromForwardedFor('203.0.113.7, garbage', loopback)).toBe('203.0.113.7');
    expect(clientFromForwardedFor('203.0.113.7, unknown, , 999.1.1.1', loopback)).toBe(
      '203.0.113.7',
    );
    expect(clientFromForwardedFor('_hidden, <script>, 127.0.0.1', loopback)).toBe('127.0.0.1');
    expect(clientFromForwardedFor('nonsense, , x', loopback)).toBeUndefined();
    expect(clientFromForwardedFor('', loopback)).toBeUndefined();
  });

  it('accepts addresses and CIDR blocks as trusted proxies, and nothing else', () => {
    for (const ok of ['10.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', '0.0.0.0/0']) {
      expect(isAddressOrCidr(ok), ok).toBe(true);
    }
    for (const bad of ['proxy.local', '10.0.0.0/33', '::/129', '10.0.0.0/8/1', '10.0.0', '']) {
      expect(isAddressOrCidr(bad), bad).toBe(false);
    }
    expect(() => trustedProxies(['10.0.0.1', 'proxy.local'])).toThrow(/proxy\.local/);
  });
});

describe('server.trustedProxies in the configuration', () => {
  it('defaults to the loopback addresses', () => {
    const config = parseConfig({ storage: { path: '/tmp/x' } });
    expect(config.server.trustedProxies).toEqual(['127.0.0.1', '::1']);
    expect(config.server.allowedOrigins).toEqual([]);
  });

  it('refuses an entry that is not an address or CIDR block, naming the key', () => {
    let message = '';
    try {
      parseConfig({
        storage: { path: '/tmp/x' },
        server: { trustedProxies: ['10.0.0.0/8', 'proxy.local'] },
      });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    expect(message).toMatch(/server\.trustedProxies\[1\]/);
    expect(message).toContain('proxy.local');
  });

  it('refuses an allowed origin that is not a bare origin, naming the key', () => {
    expect(() =>
      parseConfig({
        storage: { path: '/tmp/x' },
        server: { allowedOrigins: ['https://vedetta.example.org/app'] },
      }),
    ).toThrow(/server\.allowedOrigins\[0\]/);
  });
});

async function loginFrom(t: TestApp, forwardedFor: string): Promise<void> {
  const res = await t.request('POST', '/api/session', {
    body: { username: 'neri', password: 'wrong password!' },
    headers: { 'x-forwarded-for': forwardedFor },
  });
  expect(res.status).toBe(401);
}

describe('the client address of a request', () => {
  forEachDatabase((_db, open) => {
    it('is the address the trusted proxies saw, whatever the client put in front', async () => {
      const t = await createTestApp(open, {
        config: { server: { trustProxy: true, trustedProxies: ['127.0.0.1', '10.0.0.0/8'] } },
      });
      await t.services.accounts.users.create({
        username: 'neri',
        password: TEST_PASSWORD,
        role: 'operator',
        agencyId: OWNER_AGENCY_ID,
      });
      await loginFrom(t, '6.6.6.6, 198.51.100.20, 10.0.0.5');
      await loginFrom(t, '198.51.100.20, 10.0.0.5, 127.0.0.1');
      const rows = await t.db.selectFrom('login_attempts').select('address').execute();
      expect(rows.map((r) => r.address)).toEqual(['198.51.100.20', '198.51.100.20']);
    });
  });
});
