import "server-only";
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { commonPasswords } from "@/lib/brand/common-passwords";
import { PASSWORD_MIN } from "@/lib/schemas/brand";

// Members' passwords, stored only as a slow, salted hash: scrypt (node:crypto, OpenSSL's), at
// OWASP's N = 2^15, r = 8, p = 3 (32 MiB, ~0.1–0.3 s a hash on one core). The parameters travel in
// the stored value ("scrypt$N$r$p$salt$hash"), so they can be raised later and old hashes still verify.
const PARAMS = { N: 2 ** 15, r: 8, p: 3 };
const KEY_BYTES = 32;
const STORED = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]{22})\$([A-Za-z0-9_-]{43})$/;

function derive(
  password: string,
  salt: Buffer,
  params: { N: number; r: number; p: number },
): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, KEY_BYTES, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16); // one per password
  const key = await derive(password, salt, PARAMS);
  const { N, r, p } = PARAMS;
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

/** Constant-time comparison of the derived key; a malformed stored value never verifies. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = stored.match(STORED);
  if (!m) return false;
  const [, N, r, p, salt = "", hash = ""] = m;
  const key = await derive(password, Buffer.from(salt, "base64url"), { N: +N!, r: +r!, p: +p! });
  return timingSafeEqual(key, Buffer.from(hash, "base64url"));
}

let dummy: Promise<string> | undefined;
/**
 * For an email that is no one's: the same scrypt work as a real check, against a hash of nothing,
 * so a wrong password and an unknown email take the same time and get the same answer.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(24).toString("base64url"));
  await verifyPassword(password, await dummy);
  return false;
}

/** Why a new password is refused, or undefined: too short, or among the most common ones. */
export function weakPasswordReason(password: string): string | undefined {
  if ([...password].length < PASSWORD_MIN) return `At least ${PASSWORD_MIN} characters`;
  const lower = password.toLowerCase();
  const core = lower.replace(/[\d\W_]+$/u, "").replace(/^[\d\W_]+/u, "");
  if (commonPasswords.has(lower) || commonPasswords.has(core) || new Set(lower).size <= 2) {
    return "This password is among the most common ones; choose another";
  }
  return undefined;
}
