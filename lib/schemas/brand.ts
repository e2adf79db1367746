import { z } from "@/lib/schemas/zod";
import { text } from "@/lib/schemas/text";

/** The house brand: owns the operator's drops that name no brand, and every drop from before brands. */
export const HOUSE_BRAND = { id: "house", name: "DropRush House", slug: "house" } as const;

/** Roles of a brand's members and API tokens, weakest first. */
export const roles = ["viewer", "manager", "owner"] as const;
export type Role = (typeof roles)[number];

export const brandIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "Not a brand id");
export const brandSlugSchema = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/,
    "Lower-case letters, digits and dashes (1–40), e.g. acme-shoes",
  );
export const brandParams = z.object({ brandId: brandIdSchema });
export const brandTokenParams = z.object({
  brandId: brandIdSchema,
  id: z.string().regex(/^[a-f0-9]{16}$/, "Not a token id"),
});
export const memberParams = z.object({
  brandId: brandIdSchema,
  memberId: z.string().regex(/^[a-f0-9]{16}$/, "Not a member id"),
});
export const brandSlugParams = z.object({ slug: brandSlugSchema });
export const inviteIdParams = z.object({
  brandId: brandIdSchema,
  inviteId: z.string().regex(/^[a-f0-9]{16}$/, "Not an invite id"),
});

/** Body of POST /api/admin/brands (operator). */
export const createBrandInput = z.strictObject({
  name: text().trim().min(1, "Give the brand a name").max(80, "At most 80 characters"),
  slug: brandSlugSchema,
});

export type CreateBrandInput = z.infer<typeof createBrandInput>;

export const brandSchema = z.object({ id: z.string(), name: z.string(), slug: z.string() });
export type Brand = z.infer<typeof brandSchema>;

// Trimmed and lowercased before it is judged, so " Ada@Example.com " is ada@example.com.
const email = text().trim().toLowerCase().pipe(z.email("Enter an email address").max(254));

/** Body of POST /api/admin/brands/{brandId}/invites. */
export const inviteInput = z.strictObject({ email, role: z.enum(roles) });

export type InviteInput = z.input<typeof inviteInput>;

/** Who made an invite or an API token: the operator, or a member of the brand (by member id). */
export const madeBySchema = z.object({ kind: z.enum(["operator", "member"]), id: z.string().optional() });
export type MadeBy = z.infer<typeof madeBySchema>;

/**
 * A pending invite as owners see it (GET /api/admin/brands/{brandId}/invites). Its link goes by mail
 * to the email only: no answer to an inviter carries it, so nobody accepts another's invite.
 */
export const inviteSchema = z.object({
  id: z.string(),
  brandId: z.string(),
  email: z.string(),
  role: z.enum(roles),
  createdAt: z.string(),
  expiresAt: z.string(),
  invitedBy: madeBySchema,
});
export type Invite = z.infer<typeof inviteSchema>;

export const PASSWORD_MIN = 12;
const password = z.string().min(1, "Enter your password").max(256, "At most 256 characters");
/**
 * Body of POST /api/invites/{token}/accept. A new account sends a name and a new password (12+
 * characters; the common-password check is the server's, lib/brand/passwords.ts); an account that
 * exists sends its password, or nothing when signed in as it.
 */
export const acceptInviteInput = z.strictObject({
  name: text().trim().min(1, "Enter your name").max(80, "At most 80 characters").optional(),
  password: password.optional(),
});
export type AcceptInviteInput = z.infer<typeof acceptInviteInput>;
/** The new account's form, checked in the browser before it is sent. */
export const newAccountInput = z.strictObject({
  name: text().trim().min(1, "Enter your name").max(80, "At most 80 characters"),
  password: z
    .string()
    .min(PASSWORD_MIN, `At least ${PASSWORD_MIN} characters`)
    .max(256, "At most 256 characters"),
});
/** An invite's token: "<invite id>_<secret>" (the id finds the item, the secret is checked against its hash). */
export const inviteParams = z.object({
  token: z.string().regex(/^[a-f0-9]{16}_[A-Za-z0-9_-]{43}$/, "Not an invite"),
});

/** Body of POST /api/admin/session/brand: which of the account's brands to act in. */
export const switchBrandInput = z.strictObject({ brandId: brandIdSchema });

/** Body of POST /api/admin/session: the operator's token, or a member's email and password. */
export const signInInput = z.union([
  z.strictObject({ token: z.string().min(1, "Enter the admin token").max(512) }),
  z.strictObject({ email, password }),
]);
export type SignInInput = z.infer<typeof signInInput>;

/** Body of POST /api/admin/brands/{brandId}/api-tokens. */
export const apiTokenInput = z.strictObject({
  name: text().trim().min(1, "Name the token").max(80, "At most 80 characters"),
  role: z.enum(roles),
});

export type ApiTokenInput = z.infer<typeof apiTokenInput>;

export const memberSchema = z.object({
  id: z.string(),
  brandId: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  createdAt: z.string(),
});
export type Member = z.infer<typeof memberSchema>;

/** One brand an account belongs to (the dashboard's brand switcher). */
export type Membership = { memberId: string; brandId: string; brandName: string; role: Role };

/** The dashboard's page of activity events. */
export const ACTIVITY_PAGE_SIZE = 20;

/** Query of GET /api/admin/brands/{brandId}/activity. The cursor is opaque to clients. */
export const activityQuery = z.strictObject({
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,300}$/, "Not a cursor")
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  dropId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
    .optional(),
});

/** One event of a brand's activity log (GET /api/admin/brands/{brandId}/activity). */
export const activityEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  /** e.g. "drop.pause", "member.signIn", "member.signInFailed", "apiToken.create". */
  action: z.string(),
  actor: z.object({ kind: z.enum(["operator", "member", "apiToken"]), id: z.string().optional() }),
  dropId: z.string().nullable(),
  detail: z.string().nullable(),
  /**
   * The client's address bucket, where one can be trusted (lib/security/client-address.ts); left out
   * for callers below owner (lib/brand/activity.ts).
   */
  address: z.string().nullable().optional(),
});
export type ActivityEvent = z.infer<typeof activityEventSchema>;

/** Names an activity log's page knows for the ids in events: actors (members, tokens) and drops. */
export type ActivityNames = { actors: Record<string, string>; drops: Record<string, string> };
