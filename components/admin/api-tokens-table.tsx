"use client";

import { DestructiveRowButton, useConfirmedRemoval } from "@/components/admin/confirmed-removal";
import { fromMd, onNarrow } from "@/components/admin/narrow-columns";
import { RemovalTable } from "@/components/admin/removal-table";
import { LocalTime } from "@/components/ui/local-time";
import type { ApiToken } from "@/lib/brand/api-tokens";
import { revokeApiToken } from "@/lib/hooks/actions";

const revokeConfirm = {
  title: "Revoke this token?",
  label: "Revoke",
  body: (token: ApiToken) => (
    <>Whatever uses “{token.name}” is refused from its next request on. This cannot be undone.</>
  ),
};

/** A brand's API tokens (never their secrets); revoking one (confirmed first) refuses its next request. */
export function ApiTokensTable({ brandId, tokens }: { brandId: string; tokens: ApiToken[] }) {
  const removal = useConfirmedRemoval({
    fallback: "Could not revoke the token.",
    remove: (token: ApiToken) => revokeApiToken(brandId, token.id),
  });

  if (tokens.length === 0) return <p className="text-sm text-zinc-500">No API tokens yet.</p>;
  return (
    <RemovalTable
      caption="API tokens of the brand, oldest first"
      columns={["Name", "Role", { label: "Created", wide: true }, { label: "Last used", wide: true }]}
      lastColumn="Status"
      removal={removal}
      confirm={revokeConfirm}
    >
      {tokens.map((t) => (
        <tr key={t.id} data-testid="api-token-row" className="border-t border-zinc-100">
          <th scope="row" className="py-2 pr-3 font-semibold wrap-anywhere">
            {t.name}
            <span className="block font-mono text-xs font-normal break-all text-zinc-500">drb_{t.id}_…</span>
            <span className={onNarrow}>
              Created <LocalTime iso={t.createdAt} />
            </span>
            <span className={onNarrow}>
              Last used {t.lastUsedAt ? <LocalTime iso={t.lastUsedAt} /> : "never"}
            </span>
          </th>
          <td className="py-2 pr-3">{t.role}</td>
          <td className={`${fromMd} py-2 pr-3 text-xs whitespace-nowrap`}>
            <LocalTime iso={t.createdAt} />
          </td>
          <td className={`${fromMd} py-2 pr-3 text-xs whitespace-nowrap`}>
            {t.lastUsedAt ? <LocalTime iso={t.lastUsedAt} /> : "never"}
          </td>
          <td className="py-2 pr-3 text-right">
            {t.revokedAt ? (
              <span className="text-xs text-zinc-600">
                Revoked <LocalTime iso={t.revokedAt} />
              </span>
            ) : (
              <DestructiveRowButton removal={removal} item={t} label="Revoke" name={t.name} />
            )}
          </td>
        </tr>
      ))}
    </RemovalTable>
  );
}
