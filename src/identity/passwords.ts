/**
 * Passwords of users who sign in (the OAuth2 sign-in page). Hashes are argon2id with the
 * library's defaults (19 MiB, two passes), stored as PHC strings in `users.password_hash`.
 */
import { hash, verify } from '@node-rs/argon2';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { isPlainText } from '../text/storable.js';
import { users } from '../db/schema.js';

/** Longer inputs are refused before hashing: nobody types them, and they cost CPU to hash. */
export const MAX_PASSWORD_LENGTH = 1024;

/** A user proven by email and password. */
export interface SignedInUser {
  id: string;
  email: string;
  name: string;
}

/** An argon2id PHC string for `password`. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** True when `password` matches `passwordHash`; false for a malformed hash, never a throw. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Checked when no user matches, so a wrong email costs as much time as a wrong password and the
// answer time does not tell which emails have accounts.
let decoyHash: Promise<string> | undefined;

/** The user with this email and password, or null (unknown email, no password, wrong password). */
export async function checkCredentials(
  db: Db,
  email: string,
  password: string,
): Promise<SignedInUser | null> {
  const unusable =
    password.length === 0 || password.length > MAX_PASSWORD_LENGTH || !isPlainText(email);

  const [user] = unusable
    ? []
    : await db
        .select({ id: users.id, email: users.email, name: users.name, hash: users.passwordHash })
        .from(users)
        .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
        .limit(1);

  if (!user || user.hash === null) {
    decoyHash ??= hashPassword('decoy password for unknown emails');
    await verifyPassword(await decoyHash, password);
    return null;
  }
  if (!(await verifyPassword(user.hash, password))) return null;
  return { id: user.id, email: user.email, name: user.name };
}

/** Sets a user's password; false when no user has that email. */
export async function setPassword(db: Db, email: string, password: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  const rows = await db
    .update(users)
    .set({ passwordHash })
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .returning({ id: users.id });
  return rows.length > 0;
}
