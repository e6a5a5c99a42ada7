// The listening interface's strings, zh-CN and en side by side in the catalogue's shape (a
// "Listen" namespace, ICU-style {placeholders}), until they join the interface catalogue.
export const LISTEN_MESSAGES = {
  "zh-CN": {
    player: "播放器",
    play: "播放",
    pause: "暂停",
    back: "后退 15 秒",
    forward: "前进 15 秒",
    speed: "播放速度",
    position: "播放位置",
    positionValue: "{time} / {duration}",
    copyMoment: "复制此刻链接",
    copied: "已复制此刻的链接",
    copyPrompt: "复制这个链接:",
    backToTurn: "回到正在播放的段落",
    clip: "片段 {start}–{end}",
    stopClip: "取消片段",
    audioError: "音频无法加载",
    playFrom: "从 {time} 开始播放",
    listenFromHere: "从 {time} 开始收听",
    listenToQuote: "收听这句({start}–{end})",
    listenToQuoteFrom: "从 {time} 收听这句",
    announcePlaying: "播放中,{time}",
    announcePaused: "已暂停,{time}",
    announceMoved: "{time}",
    announceSpeed: "速度 {rate}×",
    announceChapter: "第 {number} 章:{title}",
    announceClipEnd: "片段结束,{time}",
    announceReady: "已定位到 {time},按播放开始",
    shortcutPlay: "播放 / 暂停",
    shortcutSeek: "后退 / 前进 15 秒",
    shortcutSpeed: "减慢 / 加快",
    shortcutPlayTurn: "从当前段落播放",
  },
  en: {
    player: "Player",
    play: "Play",
    pause: "Pause",
    back: "Back 15 seconds",
    forward: "Forward 15 seconds",
    speed: "Playback speed",
    position: "Position",
    positionValue: "{time} of {duration}",
    copyMoment: "Copy link at current time",
    copied: "Link to this moment copied",
    copyPrompt: "Copy this link:",
    backToTurn: "Back to the playing turn",
    clip: "Clip {start}–{end}",
    stopClip: "Stop the clip",
    audioError: "The audio could not be loaded",
    playFrom: "Play from {time}",
    listenFromHere: "Listen from {time}",
    listenToQuote: "Listen to this quote ({start}–{end})",
    listenToQuoteFrom: "Listen to this quote from {time}",
    announcePlaying: "Playing, {time}",
    announcePaused: "Paused, {time}",
    announceMoved: "{time}",
    announceSpeed: "Speed {rate}×",
    announceChapter: "Chapter {number}: {title}",
    announceClipEnd: "Clip ended, {time}",
    announceReady: "At {time}; press play to start",
    shortcutPlay: "Play / pause",
    shortcutSeek: "Back / forward 15 seconds",
    shortcutSpeed: "Slower / faster",
    shortcutPlayTurn: "Play from the focused turn",
  },
} as const;

export type ListenKey = keyof (typeof LISTEN_MESSAGES)["zh-CN"];
export type ListenText = (key: ListenKey, values?: Record<string, string | number>) => string;

export type ListenMessages = Record<ListenKey, string>;

/** A message with its {placeholders} filled in. */
export const fillIn = (template: string, values: Record<string, string | number> = {}) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));

export function listenText(messages: ListenMessages = LISTEN_MESSAGES["zh-CN"]): ListenText {
  return (key, values) => fillIn(messages[key], values);
}
