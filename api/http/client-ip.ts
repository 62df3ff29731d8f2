/**
 * The client's address on Node: the socket's peer, or, when that peer is a proxy named in
 * TRUSTED_PROXIES, what the proxies' X-Forwarded-For says. Rate limits, sessions and the audit
 * log all read it through `AppDeps.clientIp`. (The Worker entry uses Cloudflare's own
 * cf-connecting-ip instead.)
 */
import { BlockList, isIP } from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/** `::ffff:1.2.3.4` (an IPv4 peer on a dual-stack socket) as `1.2.3.4`, so one client has one key. */
function plain(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/** One X-Forwarded-For entry as a bare address (`[::1]:80` and `1.2.3.4:80` lose their port), or null. */
function forwardedAddress(entry: string): string | null {
  let s = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  return isIP(s) === 0 ? null : plain(s);
}

/** The set of trusted proxies from the config's list of addresses and CIDR ranges. */
export function trustedProxies(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", bits] = entry.split("/");
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

function isTrusted(trusted: BlockList, address: string): boolean {
  return trusted.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address from the socket's peer and the X-Forwarded-For header. The header is read
 * only when the peer is a trusted proxy; then the chain is walked from the right (each proxy
 * appends the address it was reached from) and the first address that is not a trusted proxy is
 * the client: anything to its left was written by the client itself and proves nothing. A
 * malformed entry ends the walk at the last proxy that handed it over.
 */
export function clientAddress(
  socket: string | null,
  forwardedFor: string | undefined,
  trusted: BlockList,
): string | null {
  if (socket === null || isIP(plain(socket)) === 0) return socket;
  let client = plain(socket);
  if (!forwardedFor) return client;
  const chain = forwardedFor.split(",");
  while (isTrusted(trusted, client) && chain.length > 0) {
    const next = forwardedAddress(chain.pop()!);
    if (next === null) break;
    client = next;
  }
  return client;
}

/** `AppDeps.clientIp` for Node: `clientAddress` over the socket's peer and X-Forwarded-For. */
export function nodeClientIp(trustedEntries: readonly string[]): (c: Context) => string | null {
  const trusted = trustedProxies(trustedEntries);
  return (c) => {
    let socket: string | null;
    try {
      socket = getConnInfo(c).remote.address ?? null;
    } catch {
      socket = null; // not a Node request (app.request() in a test): no socket to ask
    }
    return clientAddress(socket, c.req.header("x-forwarded-for"), trusted);
  };
}
