"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useSWRConfig } from "swr";
import { DropActionAnswer, doneText, type Answer } from "@/components/admin/drop-action-answer";
import { DropActionButtons } from "@/components/admin/drop-action-buttons";
import { DropActionConfirm, needsConfirm } from "@/components/admin/drop-action-confirm";
import { RestockForm } from "@/components/admin/restock-form";
import { Panel } from "@/components/ui/panel";
import { actOnDrop, useAction, type DropRequest } from "@/lib/hooks/actions";
import { metricsKey, useDropMetrics } from "@/lib/hooks/use-admin";
import type { DropMetrics } from "@/lib/schemas/drop-admin";
import type { Drop } from "@/lib/schemas/drop";

/** What an admin can do to a drop right now; each answer from the server is shown as it came. */
export function DropActions({ drop, initial }: { drop: Pick<Drop, "id" | "name">; initial: DropMetrics }) {
  const router = useRouter();
  const { mutate } = useSWRConfig();
  const { data = initial } = useDropMetrics(drop.id, initial);
  const [pending, setPending] = useState<DropRequest>();
  const [answer, setAnswer] = useState<Answer>();
  const [quantity, setQuantity] = useState("");
  const [sending, setSending] = useState<DropRequest["action"]>();
  const { busy, run } = useAction({
    fallback: "The request failed.",
    describe: (e) => `${e.message} (${e.code})`,
  });

  async function send(request: DropRequest) {
    setPending(undefined);
    setSending(request.action);
    const outcome = await run(async () => {
      const after = await actOnDrop(drop.id, request);
      if (request.action === "delete") return router.push("/admin");
      setAnswer({ ok: true, text: doneText(request.action, after) });
      if (request.action === "restock") setQuantity("");
    });
    setSending(undefined);
    if (!outcome.ok) setAnswer({ ok: false, text: outcome.message });
    // Whatever happened, show the drop as the server now has it.
    void mutate(metricsKey(drop.id));
    router.refresh();
  }
  const ask = (request: DropRequest) =>
    needsConfirm(request.action) ? setPending(request) : void send(request);

  return (
    <Panel id="actions" title="Actions">
      <DropActionButtons
        dropId={drop.id}
        status={data.status}
        busy={busy}
        sending={sending}
        onPress={(action) => ask({ action })}
      />
      {data.status !== "ended" && (
        <RestockForm
          value={quantity}
          onChange={setQuantity}
          busy={busy}
          remaining={data.remainingStock}
          onRestock={(q) => ask({ action: "restock", quantity: q })}
        />
      )}
      <DropActionAnswer answer={answer} sending={sending} />
      <DropActionConfirm
        pending={pending}
        name={drop.name}
        stock={data}
        onCancel={() => setPending(undefined)}
        onConfirm={(request) => void send(request)}
      />
    </Panel>
  );
}
