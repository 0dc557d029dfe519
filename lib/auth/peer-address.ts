import { randomBytes } from "node:crypto";
import http from "node:http";
import { PEER_HEADER } from "./client-ip";

/**
 * Stamps every request the Node server receives with its TCP peer address, as
 * `PEER_HEADER: "<nonce> <address>"`, overwriting anything the client sent under that name.
 * Called once from instrumentation.ts (Node runtime). The nonce is random per process, so a
 * stamp a client forged (or one on a request that arrived before the patch) is ignored.
 */
export function installPeerAddressStamp(): void {
  const g = globalThis as { __guanjiaPeerNonce?: string };
  if (g.__guanjiaPeerNonce) return;
  const nonce = randomBytes(16).toString("hex");
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      const address = req.socket?.remoteAddress;
      if (address) req.headers[PEER_HEADER] = `${nonce} ${address}`;
      else delete req.headers[PEER_HEADER];
    }
    return emit.call(this, event, ...args);
  } as typeof http.Server.prototype.emit;
  g.__guanjiaPeerNonce = nonce;
}
