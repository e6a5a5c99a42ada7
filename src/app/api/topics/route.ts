import { NextResponse } from "next/server";
import { listTopics } from "@/lib/data/topics";

/** GET /api/topics -> [{ id, name, nameEn, turnCount }] */
export async function GET() {
  const topics = await listTopics();
  return NextResponse.json(topics.map((t) => ({ id: t.id, name: t.name, nameEn: t.nameEn, turnCount: t.turnCount })));
}
