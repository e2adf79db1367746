import { notFound } from "next/navigation";
import { cache } from "react";
import { getDrop } from "@/lib/drop/drops";
import { AppError } from "@/lib/errors";
import { dropIdSchema } from "@/lib/schemas/ids";

/** The drop a page under /drops/{id} shows, or the 404 page; read once per request. */
export const loadDrop = cache(async (id: string) => {
  if (!dropIdSchema.safeParse(id).success) notFound();
  try {
    return await getDrop({ id });
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
});
