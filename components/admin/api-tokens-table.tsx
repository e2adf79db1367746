"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LocalTime } from "@/components/ui/local-time";
import type { ApiToken } from "@/lib/brand/api-tokens";
import { revokeApiToken, useAction } from "@/lib/hooks/actions";

/** A brand's API tokens (never their secrets); revoking one (confirmed first) refuses its next request. */
export function ApiTokensTable({ brandId, tokens }: { brandId: string; tokens: ApiToken[] }) {
  const router = useRouter();
  const [pending, setPending] = useState<ApiToken>();
  const { busy, error, run } = useAction({ fallback: "Could not revoke the token." });

  async function revoke(token: ApiToken) {
    setPending(undefined);
    const outcome = await run(() => revokeApiToken(brandId, token.id));
    if (outcome.ok) router.refresh();
  }

  if (tokens.length === 0) return <p className="text-sm text-zinc-500">No API tokens yet.</p>;
  return (
    <div className="space-y-3">
      {/* relative: the sr-only labels inside are clipped by this box, not the page (no sideways scroll) */}
      <div className="relative overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">API tokens of the brand, oldest first</caption>
          <thead className="text-xs uppercase tracking-wide text-zinc-500">
            <tr>
              <th scope="col" className="py-2 pr-3">
                Name
              </th>
              <th scope="col" className="py-2 pr-3">
                Role
              </th>
              <th scope="col" className="py-2 pr-3">
                Created
              </th>
              <th scope="col" className="py-2 pr-3">
                Last used
              </th>
              <th scope="col" className="py-2 pr-3">
                <span className="sr-only">Status</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id} data-testid="api-token-row" className="border-t border-zinc-100">
                <th scope="row" className="py-2 pr-3 font-semibold">
                  {t.name}
                  <span className="block font-mono text-xs font-normal text-zinc-500">drb_{t.id}_…</span>
                </th>
                <td className="py-2 pr-3">{t.role}</td>
                <td className="py-2 pr-3 text-xs whitespace-nowrap">
                  <LocalTime iso={t.createdAt} />
                </td>
                <td className="py-2 pr-3 text-xs whitespace-nowrap">
                  {t.lastUsedAt ? <LocalTime iso={t.lastUsedAt} /> : "never"}
                </td>
                <td className="py-2 pr-3 text-right">
                  {t.revokedAt ? (
                    <span className="text-xs text-zinc-600">
                      Revoked <LocalTime iso={t.revokedAt} />
                    </span>
                  ) : (
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => setPending(t)}
                      className="rounded-lg border border-rose-700 px-3 py-1 text-xs font-semibold text-rose-800 hover:bg-rose-50 disabled:opacity-50"
                    >
                      Revoke<span className="sr-only"> {t.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p role="alert" className="text-sm font-medium text-rose-700 empty:hidden">
        {error}
      </p>
      <ConfirmDialog
        open={pending !== undefined}
        title="Revoke this token?"
        confirmLabel="Revoke"
        destructive
        onCancel={() => setPending(undefined)}
        onConfirm={() => pending && void revoke(pending)}
      >
        {pending && (
          <>Whatever uses “{pending.name}” is refused from its next request on. This cannot be undone.</>
        )}
      </ConfirmDialog>
    </div>
  );
}
