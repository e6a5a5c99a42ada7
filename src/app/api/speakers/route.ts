import { NextResponse } from "next/server";
import { listPeople } from "@/lib/data/people";

/** GET /api/speakers -> [{ id, name, roles, turnCount, characters }] (characters: code points of speech) */
export async function GET() {
  const people = await listPeople();
  return NextResponse.json(
    people.map((p) => ({ id: p.id, name: p.name, roles: p.roles, turnCount: p.turnCount, characters: p.characters })),
  );
}
