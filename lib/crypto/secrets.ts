import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/*
 * Secrets at rest (provider credentials: SMS keys, merchant keys): AES-256-GCM with a 32-byte
 * key from SECRETS_KEY (lib/env.ts; base64 or 64 hex digits). Each value gets a fresh 12-byte
 * nonce; the stored form is "v1:" + base64(nonce ‖ tag ‖ ciphertext). A context string (e.g.
 * "sms:company:7") is bound as additional authenticated data, so a ciphertext copied to another
 * row or company does not decrypt. Never log or send a decrypted value to the browser.
 */

const VERSION = "v1:";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Parses a SECRETS_KEY value: 64 hex digits or base64 of exactly 32 bytes; anything else → null. */
export function parseSecretsKey(value: string): Buffer | null {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, "hex");
  const b = Buffer.from(v, "base64");
  return b.length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(v) ? b : null;
}

/**
 * The key: SECRETS_KEY when set; outside production without it, a key derived from a fixed
 * development label (so the demo runs with no configuration). Production without SECRETS_KEY
 * throws — secrets are never stored under a guessable key.
 */
export function secretsKey(source: { SECRETS_KEY?: string; NODE_ENV?: string } = process.env): Buffer {
  if (source.SECRETS_KEY) {
    const key = parseSecretsKey(source.SECRETS_KEY);
    if (!key) throw new Error("SECRETS_KEY must be 32 bytes: 64 hex digits or base64");
    return key;
  }
  if (source.NODE_ENV === "production") throw new Error("SECRETS_KEY is required in production");
  return createHash("sha256").update("guanjia development secrets key").digest();
}

/** Encrypts a secret for storage, bound to `context`. */
export function encryptSecret(plain: string, context: string, key: Buffer = secretsKey()): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return VERSION + Buffer.concat([nonce, cipher.getAuthTag(), body]).toString("base64");
}

/** Decrypts a stored secret; a wrong key, context or a tampered value throws. */
export function decryptSecret(stored: string, context: string, key: Buffer = secretsKey()): string {
  if (!stored.startsWith(VERSION)) throw new Error("unknown secret format");
  const raw = Buffer.from(stored.slice(VERSION.length), "base64");
  if (raw.length < NONCE_BYTES + TAG_BYTES) throw new Error("secret too short");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, NONCE_BYTES));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(raw.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
}

/** The last four characters, for "configured (…abcd)" displays; never more. */
export function secretHint(plain: string): string {
  return plain.length <= 4 ? "****" : `…${plain.slice(-4)}`;
}
