// The interface strings that forgiving search added (near matches, entity cards, the reader's find
// box), kept together until they move into the zh-CN/en catalogue.
import type { EntityKind } from "@/lib/search/entities";
import { roleLabel } from "@/lib/roles";

export const SEARCH_STRINGS = {
  nearHeading: "近似结果",
  noExact: "没有找到完全一致的内容。",
  nearExplanation: "没有找到足够多完全一致的段落;下面的段落包含查询中的大部分字词,且离得很近。",
  entitiesLabel: "相关条目",
  entityKind: { person: "发言人", topic: "话题", show: "节目", episode: "访谈", chapter: "章节" } satisfies Record<EntityKind, string>,
  findLabel: "在本期中查找",
  findPlaceholder: "在本期中查找…",
  findSubmit: "查找",
  findPrevious: "上一处",
  findNext: "下一处",
  findClear: "清除",
  findNone: "本期中没有找到",
  findFirst: "跳到第一处",
} as const;

/** "22 段" (turns) or, for a show, "3 期" (episodes). */
export const entityCountLabel = (kind: EntityKind, count: number) => (kind === "show" ? `${count} 期` : `${count} 段`);

/** The words of an entity card after its name: "主持人 · 22 段", "话题 · 12 段", "章节 · 《title》 · 9 段". */
export function entityDetails(entity: { kind: EntityKind; role: string | null; count: number; context: string | null }): string[] {
  return [
    entity.kind === "person" && entity.role ? roleLabel(entity.role) : SEARCH_STRINGS.entityKind[entity.kind],
    ...(entity.context ? [`《${entity.context}》`] : []),
    entityCountLabel(entity.kind, entity.count),
  ];
}

/** "第 3 / 12 处" */
export const findPosition = (current: number, total: number) => `第 ${current} / ${total} 处`;
/** "12 处匹配" */
export const findCount = (total: number) => `${total} 处匹配`;
