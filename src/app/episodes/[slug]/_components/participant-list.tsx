import Link from "next/link";
import { RoleBadge } from "@/components/role-badge";
import { SpeakerAvatar } from "@/components/speaker-avatar";
import { blockLanguage } from "@/lib/content-language";
import type { ParticipantDTO } from "@/lib/data/episodes";
import { speakerUrl } from "@/lib/urls";

export function ParticipantList({ participants, language }: { participants: ParticipantDTO[]; language: string }) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2">
      {participants.map((p) => {
        const about = p.intro ?? p.bio ?? "";
        return (
          <li
            key={p.id}
            data-participant={p.id}
            className="flex gap-3 rounded-xl border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900"
          >
            <SpeakerAvatar id={p.id} name={p.name} size="lg" />
            <div className="min-w-0">
              <p className="flex flex-wrap items-center gap-2">
                <Link href={speakerUrl(p.id)} className="font-semibold hover:underline">
                  {p.name}
                </Link>
                <RoleBadge role={p.role} />
              </p>
              <p lang={blockLanguage(about, language)} className="mt-1 text-sm leading-relaxed text-stone-700 dark:text-stone-300">
                {about}
              </p>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
