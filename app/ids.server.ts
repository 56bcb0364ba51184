import { randomBytes } from "node:crypto";

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** A random id from an unambiguous alphabet (5 bits a character). */
export function randomId(length = 12) {
  const bytes = randomBytes(length);
  let out = "";
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}

/** 256-bit URL-safe token (invite links). */
export function randomToken() {
  return randomBytes(32).toString("base64url");
}
