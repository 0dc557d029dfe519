import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, parseSecretsKey, secretHint, secretsKey } from "@/lib/crypto/secrets";

const key = Buffer.alloc(32, 7);

describe("secrets at rest (AES-256-GCM)", () => {
  it("round-trips and never stores the plaintext", () => {
    const stored = encryptSecret("LTAI-secret-value", "sms:company:1", key);
    expect(stored.startsWith("v1:")).toBe(true);
    expect(stored).not.toContain("LTAI-secret-value");
    expect(Buffer.from(stored.slice(3), "base64").toString("latin1")).not.toContain("secret-value");
    expect(decryptSecret(stored, "sms:company:1", key)).toBe("LTAI-secret-value");
  });

  it("uses a fresh nonce each time", () => {
    expect(encryptSecret("x", "c", key)).not.toBe(encryptSecret("x", "c", key));
  });

  it("refuses another context, another key or a tampered value", () => {
    const stored = encryptSecret("abc", "sms:company:1", key);
    expect(() => decryptSecret(stored, "sms:company:2", key)).toThrow();
    expect(() => decryptSecret(stored, "sms:company:1", Buffer.alloc(32, 8))).toThrow();
    const raw = Buffer.from(stored.slice(3), "base64");
    raw[raw.length - 1] ^= 1;
    expect(() => decryptSecret("v1:" + raw.toString("base64"), "sms:company:1", key)).toThrow();
    expect(() => decryptSecret("plain", "sms:company:1", key)).toThrow(/format/);
  });

  it("parses hex and base64 keys, rejects other lengths", () => {
    expect(parseSecretsKey("ab".repeat(32))?.length).toBe(32);
    expect(parseSecretsKey(Buffer.alloc(32, 1).toString("base64"))?.length).toBe(32);
    expect(parseSecretsKey("short")).toBeNull();
    expect(parseSecretsKey(Buffer.alloc(16).toString("base64"))).toBeNull();
  });

  it("requires a key in production and derives a development key otherwise", () => {
    expect(() => secretsKey({ NODE_ENV: "production" })).toThrow(/required/);
    expect(() => secretsKey({ SECRETS_KEY: "nope" })).toThrow(/32 bytes/);
    expect(secretsKey({ NODE_ENV: "development" }).length).toBe(32);
    expect(secretsKey({ SECRETS_KEY: "cd".repeat(32) })).toEqual(Buffer.from("cd".repeat(32), "hex"));
  });

  it("hints only the last four characters", () => {
    expect(secretHint("abcdefgh")).toBe("efgh");
    expect(secretHint("abc")).toBe("****");
    // A PEM key shows the end of its base64 body, not of its armour.
    expect(secretHint("-----BEGIN PRIVATE KEY-----\nMIIEvQ\nAbCd==\n-----END PRIVATE KEY-----\n")).toBe("Cd==");
  });
});
