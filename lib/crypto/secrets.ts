import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { liveEnv } from "@/lib/env";

/*
 * Secrets at rest (provider credentials: SMS keys, merchant keys): AES-256-GCM with a 32-byte
 * key from SECRETS_KEY (base64 or 64 hex digits). Each value gets a fresh 12-byte nonce; the
 * stored form is "v1:" + base64(nonce ‖ tag ‖ ciphertext). A context string (e.g.
 * "sms:company:7", "payment_account:7:wechatpay") is bound as additional authenticated data, so
 * a ciphertext copied to another row or company does not decrypt. Never log or send a decrypted
 * value to the browser. One helper for every module (SMS settings, payment accounts).
 */

const VERSION = "v1:";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** SECRETS_KEY is missing (in production) or malformed: the settings forms turn it into a clear message. */
export class SecretsKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretsKeyError";
  }
}

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
export function secretsKey(
  source: { SECRETS_KEY?: string; NODE_ENV?: string } = {
    SECRETS_KEY: liveEnv("SECRETS_KEY"),
    NODE_ENV: liveEnv("NODE_ENV"),
  },
): Buffer {
  if (source.SECRETS_KEY) {
    const key = parseSecretsKey(source.SECRETS_KEY);
    if (!key)
      throw new SecretsKeyError("SECRETS_KEY must be 32 bytes: 64 hex digits or base64 (`openssl rand -base64 32`)");
    return key;
  }
  if (source.NODE_ENV === "production") throw new SecretsKeyError("SECRETS_KEY is required in production");
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

/**
 * The last four characters of a secret's meaningful part (a PEM key's base64 body, not its
 * armour), for "set · ends in abcd" displays; "****" when the secret is too short to show any.
 */
export function secretHint(plain: string): string {
  const body = plain.replace(/-----(BEGIN|END) [A-Z ]+-----/g, "").replace(/\s+/g, "");
  return body.length <= 4 ? "****" : body.slice(-4);
}
