import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";

// Any /api path no route file answers, with any method: the API's JSON 404, not the HTML page.
const unknown = route<{ path?: string[] }>(async () => {
  throw new AppError("NOT_FOUND", "No such API route.");
});

export { unknown as GET, unknown as POST, unknown as PUT, unknown as PATCH, unknown as DELETE };
export { unknown as HEAD, unknown as OPTIONS };
