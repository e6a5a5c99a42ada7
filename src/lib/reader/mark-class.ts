// The look of a marked match, shared by the server's marks inside a turn's HTML
// (src/lib/reader/mark-html.ts) and the client's marks in plain text (src/components/highlighted-text.tsx).
export const MARK_CLASS = "rounded-sm bg-amber-200 px-0.5 text-inherit dark:bg-amber-500/40 dark:text-amber-50";
