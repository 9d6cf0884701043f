// Loaded with `node --require` into a process under test (and inherited by its worker threads):
// records every socket the process opens and, with SD_NETWORK_GUARD=block, refuses any connection or
// DNS lookup that would leave the machine. Records go to SD_NETWORK_LOG as JSON lines.
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const { threadId } = require('node:worker_threads');
const dns = require('node:dns');
const dgram = require('node:dgram');

const LOG = process.env.SD_NETWORK_LOG;
const BLOCK = process.env.SD_NETWORK_GUARD === 'block';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '::ffff:127.0.0.1']);

function record(entry) {
  if (LOG) fs.appendFileSync(LOG, `${JSON.stringify({ pid: process.pid, threadId, ...entry })}\n`);
}

function target(args) {
  const a = args[0];
  if (Array.isArray(a)) return target(a);
  if (a && typeof a === 'object') return a.path ? { path: a.path } : { host: a.host ?? 'localhost', port: a.port };
  if (typeof a === 'string' && isNaN(Number(a))) return { path: a };
  return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: a };
}

// Proves the guard is active in this thread (worker threads inherit --require through execArgv).
record({ kind: 'loaded', threadId });

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const t = target(args);
  record({ kind: t.path ? 'ipc-connect' : 'connect', ...t });
  if (BLOCK && !t.path && !LOOPBACK.has(String(t.host))) {
    const err = new Error(`network guard: connection to ${t.host}:${t.port} refused (no network allowed)`);
    process.nextTick(() => this.destroy(err));
    return this;
  }
  return connect.apply(this, args);
};

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const a = args[0];
  const t = a && typeof a === 'object' ? { host: a.host, port: a.port, path: a.path } : { port: a, host: typeof args[1] === 'string' ? args[1] : undefined };
  record({ kind: 'listen', ...t });
  return listen.apply(this, args);
};

const lookup = dns.lookup;
dns.lookup = function (hostname, ...rest) {
  record({ kind: 'lookup', host: hostname });
  if (BLOCK && !LOOPBACK.has(String(hostname))) {
    const cb = rest.find((x) => typeof x === 'function');
    const err = Object.assign(new Error(`network guard: lookup of ${hostname} refused`), { code: 'ENOTFOUND' });
    if (cb) process.nextTick(() => cb(err));
    return {};
  }
  return lookup.call(this, hostname, ...rest);
};

const bind = dgram.Socket.prototype.bind;
dgram.Socket.prototype.bind = function (...args) {
  record({ kind: 'udp-bind' });
  return bind.apply(this, args);
};
const send = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function (...args) {
  record({ kind: 'udp-send' });
  if (BLOCK) throw new Error('network guard: UDP refused');
  return send.apply(this, args);
};
