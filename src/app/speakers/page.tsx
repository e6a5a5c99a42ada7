import type { Metadata } from "next";
import Link from "next/link";
import { RoleBadge } from "@/components/role-badge";
import { SpeakerAvatar } from "@/components/speaker-avatar";
import { listPeople } from "@/lib/data/people";
import { speakerUrl } from "@/lib/urls";

export const metadata: Metadata = { title: "发言人", description: "所有访谈中的主持人、嘉宾与其他发言人。" };

export default async function SpeakersPage() {
  const people = await listPeople();
  return (
    <div>
      <h1 className="text-2xl font-bold">发言人</h1>
      <ul className="mt-6 grid gap-3 sm:grid-cols-2">
        {people.map((p) => (
          <li
            key={p.id}
            data-speaker-card={p.id}
            className="flex gap-3 rounded-xl border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900"
          >
            <SpeakerAvatar id={p.id} name={p.name} size="lg" />
            <div>
              <Link href={speakerUrl(p.id)} className="font-semibold hover:underline">
                {p.name}
              </Link>
              <p className="mt-1 flex flex-wrap gap-1">
                {p.roles.map((r) => (
                  <RoleBadge key={r} role={r} />
                ))}
              </p>
              {p.affiliation && <p className="mt-1 text-sm text-stone-600 dark:text-stone-300">{p.affiliation}</p>}
              <p className="mt-1 text-xs text-stone-500 dark:text-stone-400">
                {p.episodeCount} 期 · {p.turnCount} 段发言 · {p.characters.toLocaleString("zh-CN")} 字
              </p>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
