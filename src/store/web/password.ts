import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Passwords: scrypt (memory-hard, in Node itself: no native dependency) with explicit cost
 * parameters stored beside each hash, so they can be raised later without breaking old hashes.
 * Stored as `scrypt$N$r$p$salt$hash` (base64). N = 2^15, r = 8: 32 MB and ~0.1 s per hash.
 */
const COST = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const opts: ScryptOptions = { ...cost, maxmem: 128 * cost.N * cost.r * 2 + 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(password.normalize("NFC"), salt, KEY_LENGTH, opts, (e, key) => (e ? reject(e) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

/** A hash of nothing, so that a login with an unknown name takes as long as one with a wrong password. */
let decoy: Promise<string> | null = null;

/** Whether `password` is the one `stored` was made from; constant-time in the comparison. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const target = stored ?? (await (decoy ??= hashPassword(randomBytes(12).toString("hex"))));
  const parts = target.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((x) => Number.isSafeInteger(x) && x > 0) || N > 2 ** 20) return false;
  const expected = Buffer.from(parts[5]!, "base64");
  const key = await derive(password, Buffer.from(parts[4]!, "base64"), { N, r, p });
  const same = expected.length === key.length && timingSafeEqual(expected, key);
  return stored !== null && same;
}

/**
 * Whether a password is acceptable: at least 10 characters, with letters and digits, not the
 * login itself. Returns the Chinese reason when it is not.
 */
export function passwordProblem(password: string, login?: string): string | null {
  if (typeof password !== "string" || [...password].length < 10) return "密码至少 10 个字符";
  if ([...password].length > 200) return "密码不能超过 200 个字符";
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return "密码须同时包含字母和数字";
  if (login && login.length >= 4 && password.toLowerCase().includes(login.toLowerCase())) return "密码不能包含登录名";
  return null;
}

/** A one-time password for a new administrator: 16 characters from an alphabet without look-alikes. */
export function oneTimePassword(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const bytes = randomBytes(32);
  let out = "";
  for (const b of bytes) {
    if (b >= 256 - (256 % alphabet.length)) continue;
    out += alphabet[b % alphabet.length];
    if (out.length === 14) break;
  }
  // Letters and digits both, as passwordProblem asks.
  return `${out}${2 + (bytes[0]! % 8)}k`;
}
