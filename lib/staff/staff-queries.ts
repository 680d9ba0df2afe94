// Reading staff lists: server-side search and paging, so that 10,000 accounts cost one page.
import type { Db } from "../db/client.ts";
import { ForbiddenError } from "../errors.ts";
import type { ListQuery } from "../validation/staff.ts";
import { searchNeedle } from "./search-text.ts";
import { staffSelect, toStaffJson, type StaffJson } from "./staff-json.ts";
import type { StaffManager } from "./staff-service.ts";

export type StaffPage = { staff: StaffJson[]; page: number; pageSize: number; total: number };

export async function listStaff(db: Db, manager: StaffManager, { q, page, pageSize }: ListQuery): Promise<StaffPage> {
  if (manager !== "system" && !manager.isAdmin) throw new ForbiddenError("Only administrators can list staff.");
  const needle = searchNeedle(q);
  const where = needle ? { searchText: { contains: needle } } : {};
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: staffSelect,
    }),
  ]);
  return { staff: rows.map(toStaffJson), page, pageSize, total };
}
