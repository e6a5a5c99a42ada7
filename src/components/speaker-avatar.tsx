import { speakerHue, speakerInitial } from "@/lib/speaker-colour";

/** A person's initial on their own colour; decorative (the name is always written next to it). */
export function SpeakerAvatar({ id, name, size = "md" }: { id: string; name: string; size?: "sm" | "md" | "lg" }) {
  const dimension = size === "lg" ? "h-12 w-12 text-xl" : size === "sm" ? "h-6 w-6 text-xs" : "h-8 w-8 text-sm";
  return (
    <span aria-hidden="true" style={{ "--speaker-hue": speakerHue(id) } as React.CSSProperties} className={`speaker-avatar ${dimension}`}>
      {speakerInitial(name)}
    </span>
  );
}
