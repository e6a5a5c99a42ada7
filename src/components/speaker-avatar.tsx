import { speakerHue, speakerInitial } from "@/lib/speaker-colour";

/** A person's initial on their own colour; decorative (the name is always written next to it). */
export function SpeakerAvatar({ id, name, size = "md" }: { id: string; name: string; size?: "sm" | "md" | "lg" }) {
  const dimension = size === "lg" ? "h-12 w-12 text-xl" : size === "sm" ? "h-6 w-6 text-xs" : "h-8 w-8 text-sm";
  return (
    <span
      aria-hidden="true"
      style={{ "--speaker-hue": speakerHue(id) } as React.CSSProperties}
      className={`${dimension} inline-flex shrink-0 select-none items-center justify-center rounded-full bg-[hsl(var(--speaker-hue)_55%_38%)] font-semibold text-white dark:bg-[hsl(var(--speaker-hue)_50%_62%)] dark:text-stone-950`}
    >
      {speakerInitial(name)}
    </span>
  );
}
