import { listDrops } from "@/lib/drop/drops";
import { noStore, route } from "@/lib/http";

export const GET = route(async () => Response.json({ drops: await listDrops() }, { headers: noStore }));
