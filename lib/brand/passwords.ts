import "server-only";
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { commonPasswords } from "@/lib/brand/common-passwords";
import { gateHash, imitateHash } from "@/lib/brand/hash-gate";
import { AppError } from "@/lib/errors";
import { limits } from "@/lib/security/limits";
import { consume, refuseIfSpent } from "@/lib/security/rate-limit";
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

/**
 * Every hash is counted against the platform's budget per minute (PASSWORD_HASHES_PER_MINUTE), then
 * run within this process's bound (lib/brand/hash-gate.ts); past either, 503 UNAVAILABLE.
 */
const hashed = async (work: () => Promise<Buffer>) => {
  await budget(() => consume(limits.passwordHashes(), "all"));
  return gateHash(work);
};

/**
 * 503 UNAVAILABLE when the platform's hashes of this minute are spent; counts nothing. A sign-in
 * reads it beside the account's lookup (one batch), so an unknown email, which never hashes, answers
 * 503 exactly when a real one would.
 */
export const refuseIfNoHashesLeft = () => budget(() => refuseIfSpent(limits.passwordHashes(), "all"));

async function budget(check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== "RATE_LIMITED") throw err;
    throw new AppError(
      "UNAVAILABLE",
      "Sign-in is busy. Please try again in a moment.",
      undefined,
      err.headers,
    );
  }
}

/** A new password's stored value; within the bounds on hashing (else 503). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16); // one per password
  const key = await hashed(() => derive(password, salt, PARAMS));
  const { N, r, p } = PARAMS;
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

/** Constant-time comparison of the derived key; a malformed stored value never verifies. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = stored.match(STORED);
  if (!m) return false;
  const [, N, r, p, salt = "", hash = ""] = m;
  const params = { N: +N!, r: +r!, p: +p! };
  const key = await hashed(() => derive(password, Buffer.from(salt, "base64url"), params));
  return timingSafeEqual(key, Buffer.from(hash, "base64url"));
}

/**
 * For an email that is no one's: the same answer as a wrong password, in about the same time, but
 * no hash (lib/brand/hash-gate.ts): random emails cost nothing and cannot crowd out a real member.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  await imitateHash(() => derive(password, randomBytes(16), PARAMS));
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
