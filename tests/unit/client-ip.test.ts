import { describe, expect, it } from "vitest";
import { clientIp, PEER_HEADER as PEER, requestIsHttps, trustedProxyHops } from "@/lib/auth/client-ip";

const NONCE = "n0nce";
const stamp = (address: string) => `${NONCE} ${address}`;

describe("client address (TRUSTED_PROXY_HOPS)", () => {
  it("with no trusted proxy (the default) ignores every forwarded header and uses the socket address", () => {
    const headers = { "x-forwarded-for": "6.6.6.6", "x-real-ip": "7.7.7.7", [PEER]: stamp("203.0.113.5") };
    expect(clientIp(headers, 0, NONCE)).toBe("203.0.113.5");
    // A client choosing its "IP" changes nothing.
    expect(clientIp({ ...headers, "x-forwarded-for": "1.1.1.1" }, 0, NONCE)).toBe("203.0.113.5");
    expect(clientIp({ "x-forwarded-for": "6.6.6.6" }, 0, NONCE)).toBe("unknown");
  });

  it("believes the peer stamp only with this process's nonce (a client cannot forge it)", () => {
    expect(clientIp({ [PEER]: "guess 6.6.6.6" }, 0, NONCE)).toBe("unknown");
    expect(clientIp({ [PEER]: "6.6.6.6" }, 0, NONCE)).toBe("unknown");
    expect(clientIp({ [PEER]: stamp("6.6.6.6") }, 0, undefined)).toBe("unknown");
  });

  it("with N trusted proxies takes the N-th address from the right of X-Forwarded-For", () => {
    const headers = { "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2", [PEER]: stamp("10.0.0.1") };
    expect(clientIp(headers, 1, NONCE)).toBe("10.0.0.2");
    expect(clientIp(headers, 2, NONCE)).toBe("198.51.100.7");
    // Fewer hops than proxies: the header was not written by our proxies → the peer.
    expect(clientIp({ "x-forwarded-for": "10.0.0.2", [PEER]: stamp("10.0.0.1") }, 2, NONCE)).toBe("10.0.0.1");
    expect(clientIp({ "x-forwarded-for": ["6.6.6.6", "10.0.0.2"] }, 1)).toBe("10.0.0.2");
  });

  it("reads the setting from the environment: a whole number ≥ 0, anything else is 0", () => {
    expect(trustedProxyHops({})).toBe(0);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: "2" })).toBe(2);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: "-1" })).toBe(0);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: "yes" })).toBe(0);
  });

  it("https: NEXTAUTH_URL https, or x-forwarded-proto only from a trusted proxy", () => {
    expect(requestIsHttps({ "x-forwarded-proto": "https" }, 0, "http://localhost:3000")).toBe(false);
    expect(requestIsHttps({ "x-forwarded-proto": "https" }, 1, undefined)).toBe(true);
    expect(requestIsHttps({ "x-forwarded-proto": "http" }, 1, undefined)).toBe(false);
    expect(requestIsHttps({}, 0, "https://guanjia.example.com")).toBe(true);
  });
});
