import { isIP } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { connectTarget, type ConnectRule } from './connect-to.js';

/**
 * The crawl's HTTP agent. With rules, its connector opens each socket where the rules say; the pool is still keyed
 * by the URL's origin, and the connector is told the original `host`, so undici's Host header and SNI are the real
 * name's. Everything that goes through the agent (pages, robots.txt, images) follows the same rules.
 */
export function createDispatcher(options: Agent.Options & { connectTo?: readonly ConnectRule[] }): Agent {
  const { connectTo = [], ...agentOptions } = options;
  if (connectTo.length === 0) return new Agent(agentOptions);
  const connect = buildConnector({});
  return new Agent({
    ...agentOptions,
    connect: (opts, callback) => {
      const defaultPort = opts.protocol === 'https:' ? 443 : 80;
      const target = connectTarget(connectTo, opts.hostname, Number(opts.port) || defaultPort);
      // SNI stays the real name (an IP address is never one): the mapped address must not become the server name.
      const name = opts.hostname.replace(/^\[|\]$/g, '');
      const servername = opts.servername ?? (isIP(name) === 0 ? name : undefined);
      connect({ ...opts, hostname: target.hostname, port: String(target.port), ...(servername ? { servername } : {}) }, callback);
    },
  });
}
