/** The token of an `Authorization: Bearer <token>` header, if it has exactly that shape. */
export function bearer(req: Request): string | undefined {
  const header = req.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}
